package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.util.List;

/**
 * {@code /deploy web v1.2 prod --dry-run}: the plan a run would make, as text, with no run and no
 * write. Each Deployment with its current and new image, replicas and strategy; or that the service
 * is already at that version; or every reason the deploy would be refused.
 */
public final class DeployPreview {
  private final DeployTargets targets;
  private final WaveTargets waves;
  private final DeployPlanner planner;

  public DeployPreview(ShipmateConfig config, DeploymentGateways gateways) {
    this.targets = new DeployTargets(config);
    this.waves = new WaveTargets(config, targets);
    this.planner = new DeployPlanner(targets, gateways);
  }

  /**
   * The plan in words. Reading the cluster may fail (fabric8's {@code KubernetesClientException});
   * {@link KubernetesExceptionClassifier} words such a failure for a user.
   */
  public String text(DeployRequest request) {
    try {
      if (targets.inWaves(request.environment()).isPresent()) {
        return inWaves(request);
      }
      return planner.plan(request).summary();
    } catch (PlanRefusedException e) {
      return "Cannot deploy "
          + request.service()
          + " "
          + request.version()
          + " to "
          + request.environment()
          + ":\n- "
          + String.join("\n- ", e.problems());
    }
  }

  /** Every cluster's plan, under its wave: {@code Wave 1 (prod-eu):} then its Deployments. */
  private String inWaves(DeployRequest request) {
    List<List<DeployTarget>> all = waves.waves(request);
    WavePlan plan = WavePlanStep.plan(all, planner, request);
    StringBuilder text =
        new StringBuilder(
            "Deploy "
                + request.service()
                + " "
                + request.version()
                + " to "
                + request.environment()
                + " in "
                + all.size()
                + " waves, each rolled out and baked before the next:");
    for (int i = 0; i < all.size(); i++) {
      text.append("\n").append(WaveTargets.describe(i, all.get(i))).append(':');
      for (DeployTarget target : all.get(i)) {
        DeployPlan cluster = plan.of(target.cluster().name()).orElseThrow();
        text.append("\n- ").append(target.cluster().name()).append(": ");
        text.append(
            cluster.alreadyDeployed()
                ? "already at " + request.version()
                : String.join(
                    "; ", cluster.toApply().stream().map(DeploymentChange::describe).toList()));
      }
    }
    return text.toString();
  }
}
