package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.pipelines.kubernetes.DeploymentGateway;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code plan-undo}: for each Deployment of the service, the revision to go back to, as {@code
 * kubectl rollout undo} picks it (the previous one), or the newest that ran the version named.
 * Nothing to roll back to is the requester's error, said with what is kept. Reads only.
 */
final class PlanUndoStep implements Step<RollbackRequest> {
  static final String NAME = "plan-undo";

  private final DeployTargets targets;
  private final DeploymentGateways gateways;

  PlanUndoStep(DeployTargets targets, DeploymentGateways gateways) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.gateways = Objects.requireNonNull(gateways, "gateways");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<RollbackRequest> context) {
    try {
      return StepResult.done(plan(context.params()));
    } catch (PlanRefusedException e) {
      throw StepException.user(String.join("\n", e.problems()));
    }
  }

  RollbackPlan plan(RollbackRequest request) {
    DeployTarget target = targets.resolve(request.service(), request.environment());
    DeploymentGateway gateway = gateways.on(target.cluster());
    List<String> problems = new ArrayList<>();
    List<RollbackPlan.Change> changes = new ArrayList<>();
    for (DeploymentRef ref : target.deployments()) {
      Optional<DeploymentSnapshot> live = gateway.snapshot(ref);
      if (live.isEmpty()) {
        problems.add(
            "Deployment "
                + ref.name()
                + " not found in namespace "
                + ref.namespace()
                + ": there is nothing to roll back; check services."
                + target.service().name()
                + ".deployments in the configuration.");
        continue;
      }
      try {
        UndoPlan undo =
            request.toVersion().isPresent()
                ? UndoPlan.toVersion(live.get(), target.service(), request.toVersion().get())
                : UndoPlan.toPrevious(live.get());
        changes.add(new RollbackPlan.Change(undo, live.get().deployment().getSpec().getTemplate()));
      } catch (PlanRefusedException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanRefusedException(problems);
    }
    return new RollbackPlan(
        target.service().name(),
        target.environment().name(),
        request.toVersion().orElse("the previous revision"),
        changes);
  }
}
