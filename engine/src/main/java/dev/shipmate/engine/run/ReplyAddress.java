package dev.shipmate.engine.run;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a run reports: a channel and, once the run's card is posted, the thread under it. The
 * engine stores it and hands it back; it never interprets it.
 */
public record ReplyAddress(String channel, Optional<String> thread) {
  public ReplyAddress {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(thread, "thread");
  }

  public static ReplyAddress channel(String channel) {
    return new ReplyAddress(channel, Optional.empty());
  }

  public ReplyAddress inThread(String thread) {
    return new ReplyAddress(channel, Optional.of(thread));
  }
}
