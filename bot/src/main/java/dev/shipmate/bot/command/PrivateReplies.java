package dev.shipmate.bot.command;

/**
 * Tells one person something where they typed a command, visible only to them, after the command
 * was acknowledged: how an answer that takes longer than an ack (reading a cluster) reaches them.
 */
public interface PrivateReplies {
  void tell(String channelId, String userId, String text);
}
