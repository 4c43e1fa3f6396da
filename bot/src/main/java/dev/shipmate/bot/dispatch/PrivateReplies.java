package dev.shipmate.bot.dispatch;

import java.util.Optional;

/**
 * Tells one person something where they typed a command or clicked a button, visible only to them,
 * after the request was acknowledged: how an answer that takes longer than an ack (reading a
 * cluster), or the refusal of a click, reaches them. The one way to reply privately.
 */
public interface PrivateReplies {

  /** Tells {@code userId} in {@code channelId}, where the bot must be able to post. */
  void tell(String channelId, String userId, String text);

  /**
   * Tells {@code userId} through the request's {@code replyUrl} when there is one (it works in any
   * conversation, the bot a member or not), else in {@code channelId}.
   *
   * @param channelId where the request was made; null when it was made in none (App Home)
   */
  default void tell(String channelId, String userId, Optional<String> replyUrl, String text) {
    if (channelId != null) {
      tell(channelId, userId, text);
    }
  }

  /**
   * As {@link #tell(String, String, Optional, String)}; when that reaches nobody (the {@code
   * replyUrl} used up or expired, and the bot not in the channel), the answer goes into the thread
   * of {@code threadTs} — the card clicked on — mentioning the person, rather than being lost.
   */
  default void tell(
      String channelId,
      String userId,
      Optional<String> replyUrl,
      String text,
      Optional<String> threadTs) {
    tell(channelId, userId, replyUrl, text);
  }
}
