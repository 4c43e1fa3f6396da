package dev.shipmate.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Metric analysis: the checks of {@code analysis:}, where Prometheus answers ({@code
 * prometheus.url} for every cluster, {@code clusters.NAME.prometheus.url} for one), and which
 * checks bake each environment after a deploy's rollout ({@code environments.NAME.verify}).
 *
 * @param prometheus the base URL of Prometheus' HTTP API for clusters that name none
 * @param clusterPrometheus a cluster's own Prometheus base URL, by cluster name
 * @param checks the checks, by name, in the order of the file
 * @param verify the checks a deploy to an environment runs after its rollout, by environment name;
 *     an environment with none is absent
 * @param cutovers the checks every step of a cutover bakes under ({@code cutovers.NAME.analysis}),
 *     by cutover name
 * @param upgrades the checks an upgrade of a cluster runs after each batch of nodes ({@code
 *     clusters.NAME.analysis}), by cluster name
 */
public record Analysis(
    Optional<String> prometheus,
    Map<String, String> clusterPrometheus,
    Map<String, AnalysisCheck> checks,
    Map<String, List<String>> verify,
    Map<String, List<String>> cutovers,
    Map<String, List<String>> upgrades) {

  /** No checks anywhere. */
  public static final Analysis NONE =
      new Analysis(Optional.empty(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

  /** Checks after deploys only (verify), none in cutovers or upgrades. */
  public Analysis(
      Optional<String> prometheus,
      Map<String, String> clusterPrometheus,
      Map<String, AnalysisCheck> checks,
      Map<String, List<String>> verify) {
    this(prometheus, clusterPrometheus, checks, verify, Map.of(), Map.of());
  }

  public Analysis {
    Objects.requireNonNull(prometheus, "prometheus");
    clusterPrometheus = Ordered.copyOf(clusterPrometheus);
    checks = Ordered.copyOf(checks);
    verify = Ordered.copyOf(verify);
    cutovers = Ordered.copyOf(cutovers);
    upgrades = Ordered.copyOf(upgrades);
  }

  /** The Prometheus base URL that answers for {@code cluster}: its own, else the global one. */
  public Optional<String> prometheusFor(String cluster) {
    return Optional.ofNullable(clusterPrometheus.get(cluster)).or(() -> prometheus);
  }

  /** The checks every step of {@code cutover} bakes under, in their order. */
  public List<AnalysisCheck> cutoverChecks(String cutover) {
    return cutovers.getOrDefault(cutover, List.of()).stream().map(checks::get).toList();
  }

  /** The checks an upgrade of {@code cluster} runs after each batch of nodes, in their order. */
  public List<AnalysisCheck> upgradeChecks(String cluster) {
    return upgrades.getOrDefault(cluster, List.of()).stream().map(checks::get).toList();
  }

  /** The checks a deploy to {@code environment} runs after its rollout, in their order. */
  public List<AnalysisCheck> verifyChecks(String environment) {
    return verify.getOrDefault(environment, List.of()).stream().map(checks::get).toList();
  }
}
