package dev.shipmate.bot.drift;

import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.pipelines.drift.DriftReport;
import dev.shipmate.pipelines.drift.Finding;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Feeds {@code shipmate_drift_objects{cluster}} from each report, so that an alert can fire on
 * drift as kubediff's exit code once did. A cluster that could not be read keeps its last value:
 * "not checked" is not "no drift".
 */
public final class DriftGauges implements Consumer<DriftReport> {
  private final ShipmateMetrics metrics;

  public DriftGauges(ShipmateMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void accept(DriftReport report) {
    for (String cluster : report.clusters()) {
      boolean unread =
          report.findings().stream()
              .anyMatch(f -> f instanceof Finding.Unchecked && f.scope().equals(cluster));
      if (unread) {
        continue;
      }
      int drifted = (int) report.findings().stream().filter(f -> f.scope().equals(cluster)).count();
      metrics.driftedObjects(cluster, drifted);
    }
  }
}
