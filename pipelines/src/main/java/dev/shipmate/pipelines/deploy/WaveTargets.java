package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Cluster;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.StepException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The clusters a deploy in waves reaches, wave by wave, each as a {@link DeployTarget} (the
 * service, the environment, that cluster).
 */
final class WaveTargets {
  private final ShipmateConfig config;
  private final DeployTargets targets;

  WaveTargets(ShipmateConfig config, DeployTargets targets) {
    this.config = Objects.requireNonNull(config, "config");
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /**
   * @throws PlanRefusedException for unknown names, or a cluster the configuration lost
   */
  List<List<DeployTarget>> waves(DeployRequest request) {
    DeployTarget home = targets.resolve(request.service(), request.environment());
    List<List<DeployTarget>> waves = new ArrayList<>();
    for (List<String> wave : home.environment().waves()) {
      List<DeployTarget> clusters = new ArrayList<>();
      for (String name : wave) {
        Cluster cluster =
            config
                .cluster(name)
                .orElseThrow(
                    () ->
                        new PlanRefusedException(
                            "Environment "
                                + request.environment()
                                + " deploys to cluster "
                                + name
                                + ", which the configuration does not define: fix environments."
                                + request.environment()
                                + ".waves."));
        clusters.add(new DeployTarget(home.service(), home.environment(), cluster));
      }
      waves.add(List.copyOf(clusters));
    }
    return List.copyOf(waves);
  }

  /** The waves of a run already going: a name that no longer resolves is the step's user error. */
  List<List<DeployTarget>> forStep(DeployRequest request) {
    try {
      return waves(request);
    } catch (PlanRefusedException e) {
      throw StepException.user(String.join("\n", e.problems()));
    }
  }

  /** Every cluster of every wave, in order. */
  List<DeployTarget> all(DeployRequest request) {
    return waves(request).stream().flatMap(List::stream).toList();
  }

  /** {@code wave 2 (eu-west, us-east)}. */
  static String describe(int wave, List<DeployTarget> clusters) {
    return "wave "
        + (wave + 1)
        + " ("
        + String.join(", ", clusters.stream().map(t -> t.cluster().name()).toList())
        + ")";
  }
}
