package dev.shipmate.bot.slack.publish;

import java.time.Duration;

/**
 * How often a card may change and how hard the publisher tries.
 *
 * @param minUpdateInterval the least time between two {@code chat.update}s of one card (Slack
 *     allows about one a second per message)
 * @param firstBackoff the wait after the first server or network failure; doubled after each
 * @param maxBackoff the longest wait between two tries
 * @param maxAttempts tries before an ordinary update or note is given up
 * @param mustArriveDeadline how long a card post, a final card, a failure cause or an outcome is
 *     retried before it is given up, loudly
 */
public record PublishPolicy(
    Duration minUpdateInterval,
    Duration firstBackoff,
    Duration maxBackoff,
    int maxAttempts,
    Duration mustArriveDeadline) {

  public static final PublishPolicy DEFAULT =
      new PublishPolicy(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          5,
          Duration.ofHours(1));

  public PublishPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (minUpdateInterval.isNegative()
        || firstBackoff.isNegative()
        || maxBackoff.compareTo(firstBackoff) < 0
        || mustArriveDeadline.isNegative()) {
      throw new IllegalArgumentException(
          "durations must be positive and maxBackoff >= firstBackoff");
    }
  }

  /** The wait after the {@code failures}-th failure in a row (1, 2, …). */
  Duration backoff(int failures) {
    Duration wait = firstBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
