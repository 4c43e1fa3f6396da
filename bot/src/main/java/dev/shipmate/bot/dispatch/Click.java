package dev.shipmate.bot.dispatch;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A click on a button, as every button handler reads it, whatever platform it came from.
 *
 * @param channelId the channel of the message, or null when the button is not in one
 * @param actionId the clicked button's {@code action_id}
 * @param value the clicked button's value, or null when it has none
 * @param requestKey the key that makes a second delivery of this click a no-op, when the platform
 *     gave one
 * @param messageTs the ts of the message the button sits on (the run card), when there is one
 * @param inputs what the message's input boxes held when the button was pressed, by the input's
 *     action id (a drift report's reason box)
 * @param retry the platform's redelivery number; 0 for a first delivery
 * @param replyUrl where private answers to this click can be posted for a while (Slack's {@code
 *     response_url}), whether or not the bot may post in the channel; empty when the platform gave
 *     none
 */
public record Click(
    String userId,
    String channelId,
    String actionId,
    String value,
    Optional<String> requestKey,
    Optional<String> messageTs,
    Map<String, String> inputs,
    int retry,
    Optional<String> replyUrl) {

  public Click {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(requestKey, "requestKey");
    Objects.requireNonNull(messageTs, "messageTs");
    Objects.requireNonNull(replyUrl, "replyUrl");
    inputs = Map.copyOf(inputs);
  }

  /** A click whose platform gave no address for private answers. */
  public Click(
      String userId,
      String channelId,
      String actionId,
      String value,
      Optional<String> requestKey,
      Optional<String> messageTs,
      Map<String, String> inputs,
      int retry) {
    this(
        userId, channelId, actionId, value, requestKey, messageTs, inputs, retry, Optional.empty());
  }

  /** What was typed in the input {@code actionId} before the click, if anything. */
  public Optional<String> input(String actionId) {
    return Optional.ofNullable(inputs.get(actionId));
  }
}
