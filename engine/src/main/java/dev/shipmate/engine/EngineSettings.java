package dev.shipmate.engine;

import dev.shipmate.engine.wakeup.QuartzSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * @param approvalTimeout how long a run waits for its approvals before it is cancelled
 * @param retryAfterError when to try a run again after the engine itself failed to advance it (the
 *     database was away); a step's own failures follow its retry policy instead
 */
public record EngineSettings(
    Duration approvalTimeout, Duration retryAfterError, QuartzSettings quartz) {

  public EngineSettings {
    Objects.requireNonNull(approvalTimeout, "approvalTimeout");
    Objects.requireNonNull(retryAfterError, "retryAfterError");
    Objects.requireNonNull(quartz, "quartz");
    if (approvalTimeout.isNegative() || approvalTimeout.isZero()) {
      throw new IllegalArgumentException("approvalTimeout must be positive");
    }
  }

  public static EngineSettings defaults() {
    return new EngineSettings(
        Duration.ofHours(1), Duration.ofSeconds(30), QuartzSettings.defaults());
  }

  public EngineSettings withApprovalTimeout(Duration timeout) {
    return new EngineSettings(timeout, retryAfterError, quartz);
  }

  public EngineSettings withQuartz(QuartzSettings newQuartz) {
    return new EngineSettings(approvalTimeout, retryAfterError, newQuartz);
  }
}
