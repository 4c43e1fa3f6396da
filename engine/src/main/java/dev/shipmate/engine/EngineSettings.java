package dev.shipmate.engine;

import dev.shipmate.config.InFlightRules;
import dev.shipmate.config.Watchdogs;
import dev.shipmate.engine.wakeup.QuartzSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * @param approvalTimeout how long a run waits for its approvals before it is cancelled ({@code
 *     watchdogs.approvalTimeout})
 * @param retryAfterError when to try a run again after the engine itself failed to advance it (the
 *     database was away); a step's own failures follow its retry policy instead
 * @param inFlight what a run already going does when a freeze comes into force ({@code inFlight:})
 * @param watchdogs what the engine's watchdog looks for, and how often ({@code watchdogs:})
 */
public record EngineSettings(
    Duration approvalTimeout,
    Duration retryAfterError,
    QuartzSettings quartz,
    InFlightRules inFlight,
    Watchdogs watchdogs) {

  public EngineSettings {
    Objects.requireNonNull(approvalTimeout, "approvalTimeout");
    Objects.requireNonNull(retryAfterError, "retryAfterError");
    Objects.requireNonNull(quartz, "quartz");
    Objects.requireNonNull(inFlight, "inFlight");
    Objects.requireNonNull(watchdogs, "watchdogs");
    if (approvalTimeout.isNegative() || approvalTimeout.isZero()) {
      throw new IllegalArgumentException("approvalTimeout must be positive");
    }
  }

  public static EngineSettings defaults() {
    return new EngineSettings(
        Watchdogs.DEFAULTS.approvalTimeout(),
        Duration.ofSeconds(30),
        QuartzSettings.defaults(),
        InFlightRules.DEFAULTS,
        Watchdogs.DEFAULTS);
  }

  public EngineSettings withApprovalTimeout(Duration timeout) {
    return new EngineSettings(
        timeout, retryAfterError, quartz, inFlight, watchdogs.withApprovalTimeout(timeout));
  }

  public EngineSettings withQuartz(QuartzSettings newQuartz) {
    return new EngineSettings(approvalTimeout, retryAfterError, newQuartz, inFlight, watchdogs);
  }

  /**
   * The configuration's {@code inFlight:} rules and {@code watchdogs:} (whose {@code
   * approvalTimeout} becomes this one's).
   */
  public EngineSettings withChangeControl(InFlightRules rules, Watchdogs settings) {
    return new EngineSettings(settings.approvalTimeout(), retryAfterError, quartz, rules, settings);
  }
}
