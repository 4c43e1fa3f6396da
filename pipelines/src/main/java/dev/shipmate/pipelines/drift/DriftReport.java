package dev.shipmate.pipelines.drift;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one comparison found.
 *
 * @param clusters the clusters compared, in the configuration's order
 * @param dnsChecked whether the cutovers' Route53 weights were compared
 * @param commit the commit of the drift repository compared against
 */
public record DriftReport(
    Instant at, String commit, List<String> clusters, boolean dnsChecked, List<Finding> findings) {
  public DriftReport {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(commit, "commit");
    clusters = List.copyOf(clusters);
    findings = List.copyOf(findings);
  }

  public boolean noDrift() {
    return findings.isEmpty();
  }
}
