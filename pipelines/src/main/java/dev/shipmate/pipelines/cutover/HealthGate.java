package dev.shipmate.pipelines.cutover;

import dev.shipmate.config.Cutover;
import dev.shipmate.pipelines.cutover.HealthVerdict.HealthRule;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a window of probes of the green side against the cutover's {@code health:} rules: the
 * share of 2xx answers must reach {@code minSuccess}, and, when {@code maxLatency} is set, the p99
 * latency must not exceed it. Fewer than {@code minSamples} probes are not judged at all.
 */
public record HealthGate(double minSuccess, Optional<Duration> maxLatency, int minSamples) {

  /** Three probes: a green side that is plainly down is caught within three intervals. */
  public static final int DEFAULT_MIN_SAMPLES = 3;

  public HealthGate {
    Objects.requireNonNull(maxLatency, "maxLatency");
    if (minSuccess < 0 || minSuccess > 1) {
      throw new IllegalArgumentException("minSuccess is a ratio from 0 to 1; got " + minSuccess);
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be at least 1; got " + minSamples);
    }
  }

  public static HealthGate of(Cutover.Health health) {
    return new HealthGate(health.minSuccess(), health.maxLatency(), DEFAULT_MIN_SAMPLES);
  }

  public HealthVerdict judge(HealthWindow window) {
    HealthFigures figures = HealthFigures.of(window.samples());
    if (figures.samples() < minSamples) {
      return new HealthVerdict.NotEnoughData(figures, minSamples);
    }
    if (figures.successRatio() < minSuccess) {
      return new HealthVerdict.Unhealthy(
          figures,
          HealthRule.MIN_SUCCESS,
          HealthFigures.percent(figures.successRatio())
              + " of probes succeeded, below the "
              + HealthFigures.percent(minSuccess)
              + " required (health.minSuccess)");
    }
    if (maxLatency.isPresent() && figures.p99().compareTo(maxLatency.get()) > 0) {
      return new HealthVerdict.Unhealthy(
          figures,
          HealthRule.MAX_LATENCY,
          "p99 latency "
              + figures.p99().toMillis()
              + " ms is over the "
              + maxLatency.get().toMillis()
              + " ms allowed (health.maxLatency)");
    }
    return new HealthVerdict.Healthy(figures);
  }
}
