package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.pipelines.kubernetes.DeploymentGateway;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentNotFoundException;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code restore}: writes each planned undo, as {@code kubectl rollout undo} does, provided the
 * Deployment is still as planned, with a change-cause naming the run. Entered again, it sees a
 * template already back and does not write it twice. Its undo puts back what it replaced.
 */
final class RestoreStep implements Step<RollbackRequest> {
  static final String NAME = "restore";

  private final DeploymentGateways gateways;
  private final Function<RollbackRequest, DeployTarget> targets;
  private final Step<RollbackRequest> undo;

  RestoreStep(
      DeploymentGateways gateways,
      Function<RollbackRequest, DeployTarget> targets,
      Step<RollbackRequest> undo) {
    this.gateways = Objects.requireNonNull(gateways, "gateways");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.undo = Objects.requireNonNull(undo, "undo");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Step<RollbackRequest>> undo() {
    return Optional.of(undo);
  }

  @Override
  public StepResult execute(StepContext<RollbackRequest> context) {
    RollbackPlan plan = context.output(PlanUndoStep.NAME, RollbackPlan.class);
    if (plan.nothingToDo()) {
      return StepResult.skipped(plan.alreadyThere());
    }
    DeployTarget target = targets.apply(context.params());
    DeploymentGateway gateway = gateways.on(target.cluster());
    ChangeCause cause =
        ChangeCause.rollback(
            context.runId().value(), context.requester(), plan.service(), plan.to());
    List<ReplacedTemplate> replaced = new ArrayList<>();
    for (RollbackPlan.Change change : plan.toApply()) {
      UndoPlan undoPlan = change.undo();
      DeploymentSnapshot live =
          gateway
              .snapshot(undoPlan.deployment())
              .orElseThrow(() -> new DeploymentNotFoundException(undoPlan.deployment()));
      if (!PodTemplates.equalIgnoringHash(
          live.deployment().getSpec().getTemplate(), undoPlan.template())) {
        gateway.restoreTemplate(undoPlan.restore(cause.annotations()));
      }
      replaced.add(
          new ReplacedTemplate(
              undoPlan.deployment(), undoPlan.fromRevision(), change.currentTemplate()));
    }
    return StepResult.done(new ReplacedTemplate.Replaced(replaced));
  }
}
