package dev.shipmate.bot.dispatch;

import java.util.Objects;
import java.util.Optional;

/**
 * Who typed a command, where, and how to recognise a second delivery of it.
 *
 * @param userId the Slack user id of who typed it
 * @param channelId the channel it was typed in
 * @param typed the command as typed, for the ledger: {@code /deploy web v1.2 prod}
 * @param requestKey what identifies this delivery (Slack team and trigger id); a retry or a double
 *     submit carries the same key. Empty when the platform gave none: then nothing is deduplicated.
 * @param replyUrl where private answers to this command can be posted for a while (Slack's {@code
 *     response_url}), whether or not the bot may post in the channel; empty when the platform gave
 *     none
 * @param confirming whether a run whose target asks for a confirmation can be confirmed here, or
 *     was
 */
public record CommandOrigin(
    String userId,
    String channelId,
    String typed,
    Optional<String> requestKey,
    Optional<String> replyUrl,
    Confirming confirming) {

  /** Where a run its target wants confirmed stands. */
  public enum Confirming {
    /** The platform can show a confirmation before the run starts (Slack: a trigger id). */
    CAN_ASK,
    /** It cannot (no trigger id): such a run is refused, never started unconfirmed. */
    CANNOT_ASK,
    /** This is the command again, its confirmation submitted by who typed it. */
    CONFIRMED
  }

  public CommandOrigin {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(typed, "typed");
    Objects.requireNonNull(requestKey, "requestKey");
    Objects.requireNonNull(replyUrl, "replyUrl");
    Objects.requireNonNull(confirming, "confirming");
  }

  /** A command whose platform can show a confirmation. */
  public CommandOrigin(
      String userId,
      String channelId,
      String typed,
      Optional<String> requestKey,
      Optional<String> replyUrl) {
    this(userId, channelId, typed, requestKey, replyUrl, Confirming.CAN_ASK);
  }

  /** A command whose platform gave no address for private answers. */
  public CommandOrigin(String userId, String channelId, String typed, Optional<String> requestKey) {
    this(userId, channelId, typed, requestKey, Optional.empty());
  }
}
