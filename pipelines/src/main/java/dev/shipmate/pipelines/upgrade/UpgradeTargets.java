package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.LockKey;
import java.util.ArrayList;
import java.util.List;

/** Which configured cluster an upgrade names, and whether Shipmate may upgrade it at all. */
public final class UpgradeTargets {

  private final ShipmateConfig config;

  public UpgradeTargets(ShipmateConfig config) {
    this.config = config;
  }

  /** What the upgrade holds: the same key deploys and cutovers to the cluster are refused on. */
  public static LockKey lockKey(String cluster) {
    return LockKey.of("cluster", cluster);
  }

  /**
   * @throws UpgradeRefusedException with {@link #problems} when there are any
   */
  public Cluster resolve(UpgradeRequest request) {
    List<String> problems = problems(request);
    if (!problems.isEmpty()) {
      throw new UpgradeRefusedException(problems);
    }
    return config.clusters().get(request.cluster());
  }

  /**
   * A cluster Shipmate may upgrade, by name.
   *
   * @throws UpgradeRefusedException when there is none of that name, or its provider is none
   */
  public Cluster cluster(String name) {
    List<String> problems = clusterProblems(name);
    if (!problems.isEmpty()) {
      throw new UpgradeRefusedException(problems);
    }
    return config.clusters().get(name);
  }

  /** What is wrong with the names before anything is read: empty when they resolve. */
  public List<String> problems(UpgradeRequest request) {
    List<String> problems = clusterProblems(request.cluster());
    if (MinorVersion.parse(request.version()).isEmpty()) {
      problems.add(
          "'"
              + request.version()
              + "' is not a Kubernetes version: give the minor version, like 1.32.");
    }
    return problems;
  }

  private List<String> clusterProblems(String name) {
    List<String> problems = new ArrayList<>();
    Cluster cluster = config.clusters().get(name);
    if (cluster == null) {
      problems.add(
          "there is no cluster named '"
              + name
              + "' (known: "
              + String.join(", ", config.clusters().keySet())
              + ").");
    } else if (cluster.provider() == Cluster.Provider.NONE) {
      problems.add(
          "Shipmate does not upgrade cluster "
              + cluster.name()
              + " (provider: none): set clusters."
              + cluster.name()
              + ".provider to eks or asg in the configuration to let it.");
    }
    return problems;
  }
}
