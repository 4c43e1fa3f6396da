package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A modal the bot opened for a user ({@code views.open}), as it stands: its view as last sent (a
 * {@code views.update} replaces it), the {@code hash} an update must quote, and whether it is still
 * open, or was submitted or closed.
 *
 * @param view the view as the bot sent it: {@code title}, {@code blocks}, {@code submit}, {@code
 *     close}, {@code callback_id}, {@code private_metadata}, {@code notify_on_close}
 */
public record SlackView(String id, String user, String hash, JsonNode view, State state) {

  /** Where a modal stands. */
  public enum State {
    OPEN,
    SUBMITTED,
    CLOSED
  }

  /** The view as Slack hands it back: the app's JSON with its id, hash and (empty) state. */
  public ObjectNode asSent() {
    ObjectNode sent = view.deepCopy();
    sent.put("id", id)
        .put("team_id", SimulatedSlack.TEAM_ID)
        .put("hash", hash)
        .put("app_id", SimulatedSlack.APP_ID)
        .put("bot_id", SimulatedSlack.BOT_ID);
    sent.putObject("state").putObject("values");
    return sent;
  }

  public boolean isOpen() {
    return state == State.OPEN;
  }

  /** What its title says. */
  public String title() {
    return view.path("title").path("text").asText("");
  }

  /** Every text of its blocks, one a line: what the user reads in it. */
  public String text() {
    StringBuilder text = new StringBuilder();
    collect(view.path("blocks"), text);
    return text.toString().strip();
  }

  private static void collect(JsonNode node, StringBuilder text) {
    if (node.isObject() && node.path("text").isTextual()) {
      text.append(node.path("text").asText()).append('\n');
    }
    for (JsonNode child : node) {
      collect(child, text);
    }
  }

  SlackView with(State next) {
    return new SlackView(id, user, hash, view, next);
  }
}
