package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a cutover run is within its current step: which step, the batch that applied it, when
 * Route53 reported it INSYNC, the probes since, and the last weights judged healthy (where a
 * failing gate sends the traffic back).
 *
 * @param step the plan's step number, from 1
 * @param inSyncAt empty while the batch is PENDING
 * @param healthy whether this step has passed its gate (it may still be waiting for the next)
 */
record MoveState(
    int step,
    String changeId,
    Instant appliedAt,
    Optional<Instant> inSyncAt,
    HealthWindow window,
    Weights lastHealthy,
    boolean healthy) {

  MoveState {
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(appliedAt, "appliedAt");
    Objects.requireNonNull(inSyncAt, "inSyncAt");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(lastHealthy, "lastHealthy");
  }

  static MoveState applied(
      int step, String changeId, Instant at, Duration window, Weights lastHealthy) {
    return new MoveState(
        step, changeId, at, Optional.empty(), HealthWindow.empty(window, at), lastHealthy, false);
  }

  MoveState inSync(Instant at) {
    return new MoveState(step, changeId, appliedAt, Optional.of(at), window, lastHealthy, healthy);
  }

  MoveState probed(HealthSample sample, Instant now) {
    return new MoveState(
        step, changeId, appliedAt, inSyncAt, window.add(sample, now), lastHealthy, healthy);
  }

  /** This step passed its gate: its weights are now the ones to fall back to. */
  MoveState passed(Weights weights) {
    return new MoveState(step, changeId, appliedAt, inSyncAt, window, weights, true);
  }
}
