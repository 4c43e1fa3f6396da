package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import java.time.Duration;

/** {@code wait-control-plane}: follows the EKS update (DescribeUpdate) until it is done. */
final class WaitControlPlaneStep implements Step<UpgradeRequest> {
  static final String NAME = "wait-control-plane";

  private final UpgradeTargets targets;
  private final UpgradeGateways gateways;
  private final UpgradeSettings settings;

  WaitControlPlaneStep(UpgradeTargets targets, UpgradeGateways gateways, UpgradeSettings settings) {
    this.targets = targets;
    this.gateways = gateways;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** EKS takes 8 to 40 minutes; an hour is generous. */
  @Override
  public Duration timeout() {
    return Duration.ofHours(1);
  }

  @Override
  public StepResult execute(StepContext<UpgradeRequest> context) {
    UpgradePlan plan = context.output(PreflightStep.NAME, UpgradePlan.class);
    var started = context.findOutput(ControlPlaneStep.NAME, ControlPlaneUpdate.class);
    if (started.isEmpty()) {
      return StepResult.skipped("no control-plane update to follow");
    }
    Cluster cluster = targets.resolve(context.params());
    EksGateway eks = gateways.eks(cluster);
    String name = Preflight.eksName(cluster);
    String progress =
        "control plane: EKS is updating " + name + " to " + plan.target() + " (about 10 minutes)";
    if (started.get().known()) {
      EksGateway.UpdateState update = eks.update(name, started.get().updateId());
      if (update.successful()) {
        return StepResult.done();
      }
      if (update.inProgress()) {
        return StepResult.running(settings.poll(), progress);
      }
      return StepResult.failed(
          FailureKind.PERMANENT,
          "EKS could not update the control plane of "
              + name
              + " to "
              + plan.target()
              + " ("
              + update.status()
              + (update.errors().isEmpty() ? "" : ": " + String.join("; ", update.errors()))
              + "). No node was touched; fix the cause, then /upgrade "
              + plan.cluster()
              + " "
              + plan.target()
              + " again.");
    }
    EksGateway.ControlPlane controlPlane = eks.controlPlane(name);
    if ("ACTIVE".equals(controlPlane.status())
        && !controlPlane.version().isBefore(plan.targetVersion())) {
      return StepResult.done();
    }
    if ("ACTIVE".equals(controlPlane.status())) {
      return StepResult.failed(
          FailureKind.PERMANENT,
          "EKS's update of the control plane of "
              + name
              + " ended at "
              + controlPlane.version()
              + ", not "
              + plan.target()
              + ": its update history (aws eks list-updates --name "
              + name
              + ") says why. No node was touched.");
    }
    return StepResult.running(settings.poll(), progress);
  }
}
