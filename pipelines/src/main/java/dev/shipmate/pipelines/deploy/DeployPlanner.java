package dev.shipmate.pipelines.deploy;

import dev.shipmate.pipelines.kubernetes.DeploymentGateway;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the service's Deployments live and plans the deploy: the same plan for a run's first step
 * and for {@code --dry-run}.
 */
final class DeployPlanner {
  private final DeployTargets targets;
  private final DeploymentGateways gateways;

  DeployPlanner(DeployTargets targets, DeploymentGateways gateways) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.gateways = Objects.requireNonNull(gateways, "gateways");
  }

  /**
   * @throws PlanRefusedException for unknown names, a bad version, missing Deployments or
   *     containers
   */
  DeployPlan plan(DeployRequest request) {
    DeployTarget target = targets.resolve(request.service(), request.environment());
    return DeployPlan.of(target.service(), target.environment(), live(target), request.version());
  }

  /** Snapshots of the service's Deployments that exist; the plan names the missing ones. */
  List<DeploymentSnapshot> live(DeployTarget target) {
    DeploymentGateway gateway = gateways.on(target.cluster());
    List<DeploymentSnapshot> live = new ArrayList<>();
    for (DeploymentRef ref : target.deployments()) {
      gateway.snapshot(ref).ifPresent(live::add);
    }
    return live;
  }

  /** {@code web is already at v1.2 in prod}. */
  static String alreadyThere(DeployPlan plan) {
    return plan.service() + " is already at " + plan.version() + " in " + plan.environment();
  }
}
