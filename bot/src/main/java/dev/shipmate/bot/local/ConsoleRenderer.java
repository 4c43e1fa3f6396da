package dev.shipmate.bot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the bot sent to Slack (Block Kit and mrkdwn) into plain text for a terminal: section
 * and context text, buttons as {@code [Approve] [Cancel]}, mentions as {@code @U01SRE2}, dates as
 * their fallback text, no emoji codes or mrkdwn markers.
 */
public final class ConsoleRenderer {

  private static final Pattern LINK = Pattern.compile("<([^<>|]*)(?:\\|([^<>]*))?>");
  private static final Pattern EMOJI = Pattern.compile("(?<![\\w:]):[a-z][a-z0-9_+-]*:(?![\\w:])");
  private static final Pattern BOLD = Pattern.compile("(?<![\\w*])\\*([^*\\n]+)\\*(?![\\w*])");
  private static final Pattern ITALIC = Pattern.compile("(?<![\\w_])_([^_\\n]+)_(?![\\w_])");

  /** The message as lines of plain text: from its blocks, else from its text. */
  public String message(String text, JsonNode blocks) {
    List<String> parts = new ArrayList<>();
    if (blocks != null && blocks.isArray()) {
      for (JsonNode block : blocks) {
        blockText(block).filter(part -> !part.isBlank()).ifPresent(parts::add);
      }
    }
    if (parts.isEmpty()) {
      return mrkdwn(text == null ? "" : text);
    }
    return String.join("\n", parts);
  }

  /**
   * The message without its context blocks: what the console compares to decide whether a card
   * changed, so that a ticking "running for 12s" alone does not print the card again.
   */
  public String substance(String text, JsonNode blocks) {
    if (blocks == null || !blocks.isArray()) {
      return message(text, blocks);
    }
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    blocks.forEach(
        block -> {
          if (!"context".equals(block.path("type").asText())) {
            kept.add(block);
          }
        });
    return message(text, kept);
  }

  /** The buttons of the message's action blocks, in order. */
  public List<CardButton> buttons(JsonNode blocks) {
    List<CardButton> buttons = new ArrayList<>();
    if (blocks == null || !blocks.isArray()) {
      return buttons;
    }
    for (JsonNode block : blocks) {
      if ("actions".equals(block.path("type").asText())) {
        for (JsonNode element : block.path("elements")) {
          if ("button".equals(element.path("type").asText())) {
            buttons.add(
                new CardButton(
                    element.path("text").path("text").asText(),
                    element.path("action_id").asText(),
                    element.path("value").asText()));
          }
        }
      }
    }
    return buttons;
  }

  /** One mrkdwn string as plain text. */
  public String mrkdwn(String text) {
    String plain = replaceLinks(text);
    plain = EMOJI.matcher(plain).replaceAll("");
    plain = BOLD.matcher(plain).replaceAll("$1");
    plain = ITALIC.matcher(plain).replaceAll("$1");
    plain = plain.replace("```", "");
    // Unescaped last, so that an escaped "&lt;@U1&gt;" stays text rather than becoming a mention.
    plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return plain.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private Optional<String> blockText(JsonNode block) {
    return switch (block.path("type").asText()) {
      case "section", "header" -> {
        StringJoiner section = new StringJoiner("\n");
        if (block.has("text")) {
          section.add(mrkdwn(block.path("text").path("text").asText()));
        }
        for (JsonNode field : block.path("fields")) {
          section.add(mrkdwn(field.path("text").asText()));
        }
        yield Optional.of(section.toString());
      }
      case "context" -> {
        StringJoiner context = new StringJoiner(" · ");
        for (JsonNode element : block.path("elements")) {
          if (element.has("text")) {
            context.add(mrkdwn(element.path("text").asText()));
          }
        }
        yield Optional.of(context.toString());
      }
      case "actions" -> {
        StringJoiner labels = new StringJoiner(" ");
        buttons(block.isArray() ? block : singleton(block))
            .forEach(button -> labels.add("[" + button.label() + "]"));
        yield Optional.of(labels.toString());
      }
      default -> Optional.empty();
    };
  }

  private static JsonNode singleton(JsonNode block) {
    return JsonNodeFactory.instance.arrayNode().add(block);
  }

  private static String replaceLinks(String text) {
    Matcher link = LINK.matcher(text);
    StringBuilder plain = new StringBuilder();
    while (link.find()) {
      link.appendReplacement(plain, Matcher.quoteReplacement(linkText(link)));
    }
    link.appendTail(plain);
    return plain.toString();
  }

  private static String linkText(Matcher link) {
    String target = link.group(1);
    String label = link.group(2);
    if (target.startsWith("@") || target.startsWith("#")) {
      return label != null && !label.isEmpty() ? target.charAt(0) + label : target;
    }
    if (target.startsWith("!")) {
      // Dates (<!date^…|fallback>) and special mentions (<!here>) read as their fallback or name.
      return label != null ? label : "@" + target.substring(1);
    }
    return label != null ? label + " (" + target + ")" : target;
  }
}
