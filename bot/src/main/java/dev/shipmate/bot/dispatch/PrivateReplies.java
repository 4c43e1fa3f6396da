package dev.shipmate.bot.dispatch;

/**
 * Tells one person something where they typed a command or clicked a button, visible only to them,
 * after the request was acknowledged: how an answer that takes longer than an ack (reading a
 * cluster), or the refusal of a click, reaches them. The one way to reply privately.
 */
public interface PrivateReplies {
  void tell(String channelId, String userId, String text);
}
