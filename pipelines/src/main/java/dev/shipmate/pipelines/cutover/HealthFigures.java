package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a window of probes amounts to.
 *
 * @param samples how many probes
 * @param failures how many did not answer 2xx
 * @param successRatio successes / samples, 0 without samples
 * @param p50 median latency (nearest rank)
 * @param p99 99th percentile latency (nearest rank)
 * @param lastFailure the outcome of the latest failed probe ({@code 503}, {@code connection
 *     refused}), empty if none failed
 */
public record HealthFigures(
    int samples,
    int failures,
    double successRatio,
    Duration p50,
    Duration p99,
    Optional<String> lastFailure) {

  public static HealthFigures of(List<HealthSample> samples) {
    int failures = (int) samples.stream().filter(s -> !s.success()).count();
    double ratio = samples.isEmpty() ? 0.0 : (samples.size() - failures) / (double) samples.size();
    List<Duration> latencies =
        new ArrayList<>(samples.stream().map(HealthSample::latency).toList());
    latencies.sort(null);
    Optional<String> lastFailure =
        samples.stream().filter(s -> !s.success()).reduce((a, b) -> b).map(HealthSample::outcome);
    return new HealthFigures(
        samples.size(),
        failures,
        ratio,
        percentile(latencies, 50),
        percentile(latencies, 99),
        lastFailure);
  }

  /** Nearest rank: the smallest latency that at least {@code p}% of the samples do not exceed. */
  static Duration percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** {@code 29/30 probes succeeded (96.7%), p50 42 ms, p99 310 ms, last failure: 503}. */
  public String summary() {
    StringBuilder text =
        new StringBuilder()
            .append(samples - failures)
            .append('/')
            .append(samples)
            .append(" probes succeeded (")
            .append(percent(successRatio))
            .append("), p50 ")
            .append(p50.toMillis())
            .append(" ms, p99 ")
            .append(p99.toMillis())
            .append(" ms");
    lastFailure.ifPresent(f -> text.append(", last failure: ").append(f));
    return text.toString();
  }

  static String percent(double ratio) {
    double value = ratio * 100;
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f%%", value)
        : String.format(Locale.ROOT, "%.1f%%", value);
  }
}
