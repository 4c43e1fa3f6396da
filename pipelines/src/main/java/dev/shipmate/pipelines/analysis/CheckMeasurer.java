package dev.shipmate.pipelines.analysis;

import dev.shipmate.config.AnalysisCheck;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes one measurement of a check, from where its source says: a Prometheus instant query, or a
 * CloudWatch alarm's state.
 */
public final class CheckMeasurer {
  private final PrometheusClient prometheus;
  private final CloudWatchAlarms cloudWatch;

  public CheckMeasurer(PrometheusClient prometheus, CloudWatchAlarms cloudWatch) {
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
  }

  /**
   * @param prometheusUrl the Prometheus that answers where the check runs, if any
   * @throws CheckUnusableException when the check cannot be measured, now or later
   */
  public Measurement measure(CheckTally tally, Optional<String> prometheusUrl) {
    if (tally.check().source() instanceof AnalysisCheck.CloudWatch alarm) {
      return cloudWatch.state(tally.query(), alarm.region());
    }
    String url =
        prometheusUrl.orElseThrow(
            () -> new CheckUnusableException("no Prometheus answers here (prometheus.url)"));
    return prometheus.query(url, tally.query());
  }

  /**
   * A CloudWatch alarm's state now, outside any check: a cutover's {@code health.alarm}.
   *
   * @throws CheckUnusableException when CloudWatch has no such alarm or refuses the request
   */
  public Measurement alarm(String alarm, Optional<String> region) {
    return cloudWatch.state(alarm, region);
  }
}
