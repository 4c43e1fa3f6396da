package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * The limits of Block Kit that Slack enforces, so that blocks Slack would refuse are refused here
 * too ({@code invalid_blocks}, with Slack's message and JSON pointer): at most 50 blocks in a
 * message (100 in a view), known block types, section text up to 3,000 characters and at most 10
 * fields of up to 2,000, header text up to 150, at most 25 elements in an actions block and 10 in a
 * context block, buttons with text up to 75 characters, a value up to 2,000 and an action id up to
 * 255, confirmation dialogs within their limits, and no empty or untyped text.
 */
public final class BlockKit {

  static final int MESSAGE_BLOCKS = 50;
  static final int VIEW_BLOCKS = 100;

  private static final Set<String> BLOCK_TYPES =
      Set.of(
          "section",
          "divider",
          "image",
          "actions",
          "context",
          "input",
          "header",
          "file",
          "rich_text",
          "video",
          "markdown");
  private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");

  /**
   * Why Slack would refuse a message's {@code blocks}, in its words; empty when it would take them:
   * for tests that hold rendered messages to Slack's limits without sending them.
   */
  public static Optional<String> messageProblem(JsonNode blocks) {
    return problem(blocks, MESSAGE_BLOCKS);
  }

  /** Why Slack would refuse {@code blocks}, in its words; empty when it would take them. */
  static Optional<String> problem(JsonNode blocks, int maxBlocks) {
    try {
      if (!blocks.isArray()) {
        throw new Refusal("must be an array", "/blocks");
      }
      if (blocks.size() > maxBlocks) {
        throw new Refusal("no more than " + maxBlocks + " items allowed", "/blocks");
      }
      for (int i = 0; i < blocks.size(); i++) {
        block(blocks.get(i), "/blocks/" + i);
      }
      return Optional.empty();
    } catch (Refusal refusal) {
      return Optional.of(refusal.getMessage());
    }
  }

  private static void block(JsonNode block, String at) {
    if (!block.isObject()) {
      throw new Refusal("must be an object", at);
    }
    String type = block.path("type").asText("");
    if (!BLOCK_TYPES.contains(type)) {
      throw new Refusal("unsupported type: '" + type + "'", at + "/type");
    }
    atMost(block.path("block_id"), 255, at + "/block_id");
    switch (type) {
      case "section" -> {
        if (block.path("text").isMissingNode() && block.path("fields").isMissingNode()) {
          throw new Refusal("must provide either text or fields", at);
        }
        if (!block.path("text").isMissingNode()) {
          text(block.path("text"), 3000, at + "/text");
        }
        JsonNode fields = block.path("fields");
        if (!fields.isMissingNode()) {
          items(fields, 1, 10, at + "/fields");
          for (int i = 0; i < fields.size(); i++) {
            text(fields.get(i), 2000, at + "/fields/" + i);
          }
        }
        if (!block.path("accessory").isMissingNode()) {
          element(block.path("accessory"), at + "/accessory");
        }
      }
      case "header" -> {
        text(block.path("text"), 150, at + "/text");
        if (!"plain_text".equals(block.path("text").path("type").asText())) {
          throw new Refusal("must be plain_text", at + "/text/type");
        }
      }
      case "actions" -> {
        JsonNode elements = block.path("elements");
        items(elements, 1, 25, at + "/elements");
        for (int i = 0; i < elements.size(); i++) {
          element(elements.get(i), at + "/elements/" + i);
        }
      }
      case "context" -> {
        JsonNode elements = block.path("elements");
        items(elements, 1, 10, at + "/elements");
        for (int i = 0; i < elements.size(); i++) {
          JsonNode element = elements.get(i);
          if (!"image".equals(element.path("type").asText())) {
            text(element, 3000, at + "/elements/" + i);
          }
        }
      }
      default -> {
        // divider, image, input, file, rich_text, video, markdown: not checked further
      }
    }
  }

  private static void element(JsonNode element, String at) {
    if (!element.isObject() || element.path("type").asText("").isEmpty()) {
      throw new Refusal("must be an element with a type", at);
    }
    atMost(element.path("action_id"), 255, at + "/action_id");
    if ("button".equals(element.path("type").asText())) {
      text(element.path("text"), 75, at + "/text");
      atMost(element.path("value"), 2000, at + "/value");
      atMost(element.path("url"), 3000, at + "/url");
    }
    JsonNode confirm = element.path("confirm");
    if (!confirm.isMissingNode()) {
      text(confirm.path("title"), 100, at + "/confirm/title");
      text(confirm.path("text"), 300, at + "/confirm/text");
      text(confirm.path("confirm"), 30, at + "/confirm/confirm");
      text(confirm.path("deny"), 30, at + "/confirm/deny");
    }
  }

  private static void text(JsonNode text, int max, String at) {
    if (!text.isObject() || !TEXT_TYPES.contains(text.path("type").asText(""))) {
      throw new Refusal("must be a text object (plain_text or mrkdwn)", at);
    }
    String value = text.path("text").asText("");
    if (value.isEmpty()) {
      throw new Refusal("must be more than 0 characters", at + "/text");
    }
    if (value.length() > max) {
      throw new Refusal("must be less than " + (max + 1) + " characters", at + "/text");
    }
  }

  private static void items(JsonNode array, int min, int max, String at) {
    if (!array.isArray() || array.size() < min) {
      throw new Refusal("must have at least " + min + " item", at);
    }
    if (array.size() > max) {
      throw new Refusal("no more than " + max + " items allowed", at);
    }
  }

  private static void atMost(JsonNode value, int max, String at) {
    if (!value.isMissingNode() && value.asText("").length() > max) {
      throw new Refusal("must be less than " + (max + 1) + " characters", at);
    }
  }

  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String what, String pointer) {
      super("[ERROR] " + what + " [json-pointer:" + pointer + "]", null, false, false);
    }
  }

  private BlockKit() {}
}
