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
 */
public record CommandOrigin(
    String userId,
    String channelId,
    String typed,
    Optional<String> requestKey,
    Optional<String> replyUrl) {

  public CommandOrigin {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(typed, "typed");
    Objects.requireNonNull(requestKey, "requestKey");
    Objects.requireNonNull(replyUrl, "replyUrl");
  }

  /** A command whose platform gave no address for private answers. */
  public CommandOrigin(String userId, String channelId, String typed, Optional<String> requestKey) {
    this(userId, channelId, typed, requestKey, Optional.empty());
  }
}
