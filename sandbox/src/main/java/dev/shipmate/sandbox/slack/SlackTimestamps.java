package dev.shipmate.sandbox.slack;

import java.time.Clock;

/**
 * Message timestamps as Slack writes them, {@code 1767603600.000100}: seconds of the clock and a
 * six-digit suffix that makes every one unique and later than the one before, even when the
 * simulated clock has not moved.
 */
final class SlackTimestamps {

  private final Clock clock;
  private long lastMicros;

  SlackTimestamps(Clock clock) {
    this.clock = clock;
  }

  synchronized String next() {
    long micros = clock.instant().getEpochSecond() * 1_000_000L + 100;
    lastMicros = Math.max(micros, lastMicros + 100);
    return String.format("%d.%06d", lastMicros / 1_000_000L, lastMicros % 1_000_000L);
  }
}
