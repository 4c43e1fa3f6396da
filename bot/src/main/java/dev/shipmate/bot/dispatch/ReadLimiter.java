package dev.shipmate.bot.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How many answers that only read (a status, {@code /runs}, a dry run's plan, {@code
 * /whats-deployed}) one person may ask for in a window. Reads of the world share quotas with the
 * runs under way — Route53 answers an account five requests a second, the whole cutover included —
 * so nobody may spend them faster than this by typing. Commands that start, stop or steer runs are
 * not counted: they have locks and permissions of their own.
 */
public final class ReadLimiter {

  /** Thirty reads a minute per person: far above anyone reading, far below a loop. */
  public static final int DEFAULT_READS = 30;

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  private final int reads;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> byUser = new HashMap<>();

  public ReadLimiter(int reads, Duration window, Clock clock) {
    if (reads < 1) {
      throw new IllegalArgumentException("reads must be positive, not " + reads);
    }
    this.reads = reads;
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static ReadLimiter defaults(Clock clock) {
    return new ReadLimiter(DEFAULT_READS, DEFAULT_WINDOW, clock);
  }

  /**
   * Counts one read by {@code userId}, unless they have had their share of the window.
   *
   * @return empty when the read may go on; else the refusal to give them, which says when to try
   *     again
   */
  public synchronized Optional<String> take(String userId) {
    Instant now = clock.instant();
    Instant since = now.minus(window);
    byUser.values().forEach(times -> dropUntil(times, since));
    byUser.values().removeIf(Deque::isEmpty);
    Deque<Instant> times = byUser.computeIfAbsent(userId, user -> new ArrayDeque<>());
    if (times.size() < reads) {
      times.addLast(now);
      return Optional.empty();
    }
    Duration wait = Duration.between(now, times.peekFirst().plus(window));
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return Optional.of(
        "Shipmate answers each person at most "
            + reads
            + " questions (statuses, /runs, histories, dry runs) every "
            + window.toSeconds()
            + " s, and you have asked that many; nothing was read. Try again in "
            + seconds
            + " s. Commands that start, stop or steer runs are not limited.");
  }

  private static void dropUntil(Deque<Instant> times, Instant since) {
    while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
      times.removeFirst();
    }
  }
}
