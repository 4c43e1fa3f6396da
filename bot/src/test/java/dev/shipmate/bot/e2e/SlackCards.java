package dev.shipmate.bot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.util.Optional;

/** Reading what a person sees in a message the bot posted: its text and its buttons. */
final class SlackCards {
  private SlackCards() {}

  /** The fallback text and the blocks, as one searchable text. */
  static String text(SlackMessage message) {
    return message.text() + " " + message.blocks();
  }

  /** The value of the button {@code actionId} (the run it acts on); fails if there is none. */
  static String buttonValue(SlackMessage message, String actionId) {
    return button(message.blocks(), actionId)
        .map(b -> b.path("value").asText())
        .orElseThrow(
            () ->
                new AssertionError(
                    "no '" + actionId + "' button on the message: " + message.blocks()));
  }

  static boolean hasButton(SlackMessage message, String actionId) {
    return button(message.blocks(), actionId).isPresent();
  }

  private static Optional<JsonNode> button(JsonNode node, String actionId) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isObject()
        && "button".equals(node.path("type").asText())
        && actionId.equals(node.path("action_id").asText())) {
      return Optional.of(node);
    }
    for (JsonNode child : node) {
      Optional<JsonNode> found = button(child, actionId);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
