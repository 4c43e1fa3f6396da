package dev.shipmate.config;

import java.time.Duration;

/** Reads {@code deploy:}; each key left out keeps its default. */
final class DeployTimingsReader {
  static final Keys KEYS =
      Keys.of("failureGrace", "pollInterval", "rolloutTimeout")
          .withHint("gracePeriod", "the grace period of failing pods is 'failureGrace'")
          .withHint("timeout", "the time a rollout may take is 'rolloutTimeout'");

  private DeployTimingsReader() {}

  static DeployTimings read(YamlMapping deploy) {
    DeployTimings defaults = DeployTimings.DEFAULTS;
    Duration grace =
        deploy.read("failureGrace", YamlValue::duration).orElse(defaults.failureGrace());
    Duration poll =
        deploy.read("pollInterval", YamlValue::duration).orElse(defaults.pollInterval());
    Duration timeout =
        deploy.read("rolloutTimeout", YamlValue::duration).orElse(defaults.rolloutTimeout());
    if (poll.compareTo(timeout) >= 0) {
      deploy.errorAt(
          "pollInterval",
          "a rollout would time out before it is looked at again: make pollInterval ("
              + Durations.format(poll)
              + ") shorter than rolloutTimeout ("
              + Durations.format(timeout)
              + ")");
    }
    if (grace.compareTo(timeout) >= 0) {
      deploy.errorAt(
          "failureGrace",
          "failing pods would never be noticed before the rollout times out: make failureGrace ("
              + Durations.format(grace)
              + ") shorter than rolloutTimeout ("
              + Durations.format(timeout)
              + ")");
    }
    return new DeployTimings(grace, poll, timeout);
  }
}
