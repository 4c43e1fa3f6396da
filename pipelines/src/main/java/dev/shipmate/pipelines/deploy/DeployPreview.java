package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;

/**
 * {@code /deploy web v1.2 prod --dry-run}: the plan a run would make, as text, with no run and no
 * write. Each Deployment with its current and new image, replicas and strategy; or that the service
 * is already at that version; or every reason the deploy would be refused.
 */
public final class DeployPreview {
  private final DeployPlanner planner;

  public DeployPreview(ShipmateConfig config, DeploymentGateways gateways) {
    this.planner = new DeployPlanner(new DeployTargets(config), gateways);
  }

  /**
   * The plan in words. Reading the cluster may fail (fabric8's {@code KubernetesClientException});
   * {@link KubernetesExceptionClassifier} words such a failure for a user.
   */
  public String text(DeployRequest request) {
    try {
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
}
