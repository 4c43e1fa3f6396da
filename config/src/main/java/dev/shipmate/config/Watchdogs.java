package dev.shipmate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code watchdogs:} — what the engine's one watchdog looks for, and how often.
 *
 * @param every how often the watchdog looks (once across replicas, on the engine's scheduler)
 * @param stuckFactor a run is stuck when its current step has shown no progress for this many times
 *     the time the step says it usually takes between two signs of progress
 * @param stuckAfter the same, for a step that says nothing of its usual time
 * @param approvalTimeout how long a run waits for its approvals before it is cancelled
 * @param previewWarning how long before a preview expires its owner is warned
 */
public record Watchdogs(
    Duration every,
    int stuckFactor,
    Duration stuckAfter,
    Duration approvalTimeout,
    Duration previewWarning) {
  public static final Watchdogs DEFAULTS =
      new Watchdogs(
          Duration.ofMinutes(1), 3, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));

  public Watchdogs {
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(stuckAfter, "stuckAfter");
    Objects.requireNonNull(approvalTimeout, "approvalTimeout");
    Objects.requireNonNull(previewWarning, "previewWarning");
    if (stuckFactor < 1) {
      throw new IllegalArgumentException("stuckFactor must be at least 1");
    }
  }

  public Watchdogs withStuckAfter(Duration value) {
    return new Watchdogs(every, stuckFactor, value, approvalTimeout, previewWarning);
  }

  public Watchdogs withApprovalTimeout(Duration value) {
    return new Watchdogs(every, stuckFactor, stuckAfter, value, previewWarning);
  }
}
