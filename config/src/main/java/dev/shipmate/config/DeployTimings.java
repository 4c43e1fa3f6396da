package dev.shipmate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code deploy:} — how patient {@code /deploy} and {@code /rollback} are with a rollout. The
 * defaults suit production; a test cluster or a fast-starting service may want shorter ones.
 *
 * @param failureGrace how long a new pod may sit in ImagePullBackOff, ErrImagePull or
 *     CrashLoopBackOff before the rollout is judged failed (and rolled back)
 * @param pollInterval how often a rollout is looked at when no watch event wakes the run
 * @param rolloutTimeout how long a rollout, or the rollback of one, may take in all
 */
public record DeployTimings(Duration failureGrace, Duration pollInterval, Duration rolloutTimeout) {
  public static final DeployTimings DEFAULTS =
      new DeployTimings(Duration.ofMinutes(2), Duration.ofSeconds(15), Duration.ofMinutes(30));

  public DeployTimings {
    Objects.requireNonNull(failureGrace, "failureGrace");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(rolloutTimeout, "rolloutTimeout");
  }
}
