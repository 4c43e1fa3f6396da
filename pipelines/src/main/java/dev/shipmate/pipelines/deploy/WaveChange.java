package dev.shipmate.pipelines.deploy;

import java.util.List;
import java.util.Objects;

/**
 * What a wave's {@code set-image} changed, per cluster: the templates its undo puts back, in the
 * clusters its rollout watches.
 */
public record WaveChange(List<ClusterChange> clusters) {
  public WaveChange {
    clusters = List.copyOf(clusters);
  }

  /** The templates replaced in one cluster. */
  public record ClusterChange(String cluster, List<ReplacedTemplate> templates) {
    public ClusterChange {
      Objects.requireNonNull(cluster, "cluster");
      templates = List.copyOf(templates);
    }
  }
}
