package dev.shipmate.bot.dispatch;

/**
 * Posts a line in a message's thread, for everyone who follows it, after the request that caused it
 * was acknowledged: what a click on a run card did (a rollback started, a drift finding snoozed).
 */
public interface ThreadPosts {
  void post(String channelId, String threadTs, String text);
}
