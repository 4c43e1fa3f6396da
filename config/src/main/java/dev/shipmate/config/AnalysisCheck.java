package dev.shipmate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code analysis.NAME:} — a check of a change by its metrics, reusable by name: what is measured
 * ({@link Source}), measured {@code count} times, {@code interval} apart; the check fails once more
 * than {@code failureLimit} measurements failed. A measurement with no value (no series, NaN) is
 * inconclusive, and {@code inconclusive} says whether it counts as a failure or a pass.
 */
public record AnalysisCheck(
    String name,
    Source source,
    Duration interval,
    int count,
    int failureLimit,
    Inconclusive inconclusive) {

  /** The placeholders a Prometheus query may use, filled in from the run. */
  public static final List<String> PLACEHOLDERS =
      List.of("service", "namespace", "environment", "version", "cluster");

  public AnalysisCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(inconclusive, "inconclusive");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
  }

  /** How long the check takes: the first measurement at once, the last {@code count - 1} later. */
  public Duration duration() {
    return interval.multipliedBy(count - 1L);
  }

  /** What a measurement without a value counts as. */
  public enum Inconclusive {
    FAIL,
    PASS
  }

  /** What a check measures. */
  public sealed interface Source {}

  /**
   * {@code prometheus: { query, max, min }}: an instant query whose single value must be at most
   * {@code max} and at least {@code min} (one of them at least).
   */
  public record Prometheus(String query, Optional<Double> max, Optional<Double> min)
      implements Source {
    public Prometheus {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(max, "max");
      Objects.requireNonNull(min, "min");
      if (max.isEmpty() && min.isEmpty()) {
        throw new IllegalArgumentException("a threshold needs max or min");
      }
    }
  }

  /**
   * {@code cloudwatch: { alarm, region }}: a CloudWatch alarm's state, read with DescribeAlarms. OK
   * passes, ALARM fails, INSUFFICIENT_DATA is inconclusive ({@code inconclusive} decides).
   *
   * @param region the alarm's region; empty for the AWS SDK's own ({@code AWS_REGION})
   */
  public record CloudWatch(String alarm, Optional<String> region) implements Source {
    public CloudWatch {
      Objects.requireNonNull(alarm, "alarm");
      Objects.requireNonNull(region, "region");
    }
  }
}
