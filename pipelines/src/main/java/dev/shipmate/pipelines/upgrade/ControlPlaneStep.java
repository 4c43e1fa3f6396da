package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;

/**
 * {@code control-plane}: starts an EKS control plane's update to the next minor version. A
 * self-managed control plane is the first group the {@code nodes} step replaces, so there is
 * nothing to start here.
 */
final class ControlPlaneStep implements Step<UpgradeRequest> {
  static final String NAME = "control-plane";

  private final UpgradeTargets targets;
  private final UpgradeGateways gateways;

  ControlPlaneStep(UpgradeTargets targets, UpgradeGateways gateways) {
    this.targets = targets;
    this.gateways = gateways;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<UpgradeRequest> context) {
    UpgradePlan plan = context.output(PreflightStep.NAME, UpgradePlan.class);
    if (!plan.controlPlaneMoves()) {
      return StepResult.skipped("the control plane already runs " + plan.controlPlaneFrom());
    }
    Cluster cluster = targets.resolve(context.params());
    if (cluster.provider() != Cluster.Provider.EKS) {
      return StepResult.skipped(
          "the control-plane group "
              + cluster.asg().flatMap(Cluster.Asg::controlPlane).orElse("")
              + " is replaced first, node by node");
    }
    EksGateway eks = gateways.eks(cluster);
    String name = Preflight.eksName(cluster);
    EksGateway.ControlPlane controlPlane = eks.controlPlane(name);
    if (!controlPlane.version().isBefore(plan.targetVersion())) {
      return StepResult.skipped("the control plane already runs " + controlPlane.version());
    }
    if ("UPDATING".equals(controlPlane.status())) {
      // Started by this step before a restart: its id is lost, the cluster's status is not.
      return StepResult.done(new ControlPlaneUpdate(""));
    }
    return StepResult.done(
        new ControlPlaneUpdate(eks.updateControlPlane(name, plan.targetVersion())));
  }
}
