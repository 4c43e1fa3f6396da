package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.DeployTimings;
import java.time.Duration;
import java.util.Objects;

/**
 * How patient a deploy is.
 *
 * @param gracePeriod how long a new pod may fail to pull or start before the rollout fails
 * @param fallbackPoll how often a rollout is checked when no watch event comes: watches can miss or
 *     drop events, so a run never relies on them alone
 * @param rolloutTimeout how long a rollout (or the rollback of one) may take in all
 */
public record DeploySettings(Duration gracePeriod, Duration fallbackPoll, Duration rolloutTimeout) {
  public DeploySettings {
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(fallbackPoll, "fallbackPoll");
    Objects.requireNonNull(rolloutTimeout, "rolloutTimeout");
    if (fallbackPoll.isNegative() || fallbackPoll.isZero()) {
      throw new IllegalArgumentException("fallbackPoll must be positive");
    }
    if (rolloutTimeout.isNegative() || rolloutTimeout.isZero()) {
      throw new IllegalArgumentException("rolloutTimeout must be positive");
    }
  }

  /** The timings of the configuration's {@code deploy:} section. */
  public static DeploySettings of(DeployTimings timings) {
    return new DeploySettings(
        timings.failureGrace(), timings.pollInterval(), timings.rolloutTimeout());
  }

  public static DeploySettings defaults() {
    return of(DeployTimings.DEFAULTS);
  }
}
