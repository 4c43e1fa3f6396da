package dev.shipmate.pipelines.deploy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a deploy in waves changes: a {@link DeployPlan} per cluster, in the order of the waves. Made
 * by the run's first step from live reads of every cluster, before any cluster is changed, so that
 * a Deployment missing in the last wave refuses the deploy before the first wave is touched.
 */
public record WavePlan(List<ClusterPlan> clusters) {
  public WavePlan {
    clusters = List.copyOf(clusters);
  }

  /** The plan of one cluster. */
  public record ClusterPlan(String cluster, DeployPlan plan) {
    public ClusterPlan {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(plan, "plan");
    }
  }

  public Optional<DeployPlan> of(String cluster) {
    return clusters.stream()
        .filter(c -> c.cluster().equals(cluster))
        .map(ClusterPlan::plan)
        .findFirst();
  }

  /** Whether every cluster already runs the version. */
  public boolean alreadyDeployed() {
    return clusters.stream().allMatch(c -> c.plan().alreadyDeployed());
  }

  /** The plan in words: a line per Deployment, under its cluster. */
  public String summary() {
    return clusters.stream()
        .map(c -> c.cluster() + ": " + c.plan().summary())
        .collect(Collectors.joining("\n"));
  }
}
