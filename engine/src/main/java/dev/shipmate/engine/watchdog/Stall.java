package dev.shipmate.engine.watchdog;

import dev.shipmate.engine.run.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A run whose current step has shown no progress for longer than the watchdog allows.
 *
 * @param step the step it is stuck at
 * @param since when the step last showed progress (it started, its note changed, it was resumed)
 * @param limit how long the watchdog lets that step go without progress
 */
public record Stall(RunId run, String step, Instant since, Duration limit) {
  public Stall {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(limit, "limit");
  }

  /** How long it has been stuck at {@code now}. */
  public Duration stalledFor(Instant now) {
    return Duration.between(since, now);
  }
}
