package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.run.RunId;

/**
 * How the TTL reaper speaks to people; the bot says it in Slack. Implementations should not throw
 * for a message that could not be delivered: log it, the preview goes on regardless.
 */
public interface PreviewNotices {

  /**
   * The preview's time is up and run {@code removal} removes it: say so in the preview's thread.
   */
  void expired(Preview preview, RunId removal);

  /**
   * The preview expires within the hour: tell its owner, with a way to extend it.
   *
   * @return whether the owner was told; the warning is sent again on the next sweep when not
   */
  boolean expiresSoon(Preview preview);
}
