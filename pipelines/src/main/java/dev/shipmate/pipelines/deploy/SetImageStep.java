package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.pipelines.kubernetes.DeploymentGateway;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentNotFoundException;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.ImageChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code set-image}: sets the new image on every Deployment of the plan, with a change-cause naming
 * the run, the requester and the version, and stores the revision and template each one replaced:
 * its undo puts those back and watches that rollback.
 *
 * <p>Entered again (after a crash or a retry), it recognises a Deployment it already changed by the
 * run annotation and the image, and does not write it twice. A write that fails after others in the
 * same execution succeeded puts those back before the failure is reported: a failed step is not
 * undone by the engine, so it must not leave half its work behind.
 */
final class SetImageStep implements Step<DeployRequest> {
  static final String NAME = "set-image";
  private static final Logger log = LoggerFactory.getLogger(SetImageStep.class);

  private final DeployTargets targets;
  private final DeploymentGateways gateways;
  private final Step<DeployRequest> undo;

  SetImageStep(DeployTargets targets, DeploymentGateways gateways, Step<DeployRequest> undo) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.gateways = Objects.requireNonNull(gateways, "gateways");
    this.undo = Objects.requireNonNull(undo, "undo");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Step<DeployRequest>> undo() {
    return Optional.of(undo);
  }

  @Override
  public StepResult execute(StepContext<DeployRequest> context) {
    DeployPlan plan = context.output(PlanDeployStep.NAME, DeployPlan.class);
    if (plan.alreadyDeployed()) {
      return StepResult.skipped(DeployPlanner.alreadyThere(plan));
    }
    DeployTarget target = resolve(context.params());
    return StepResult.done(new ReplacedTemplate.Replaced(write(gateways, target, plan, context)));
  }

  /**
   * Sets the plan's new image on the target's Deployments (those not written already by this run)
   * and answers the templates replaced; puts back this call's own writes before it throws.
   */
  static List<ReplacedTemplate> write(
      DeploymentGateways gateways, DeployTarget target, DeployPlan plan, StepContext<?> context) {
    DeploymentGateway gateway = gateways.on(target.cluster());
    String run = context.runId().value();
    ChangeCause cause =
        ChangeCause.deploy(run, context.requester(), plan.service(), plan.version());
    List<ReplacedTemplate> replaced = new ArrayList<>();
    List<DeploymentChange> writtenNow = new ArrayList<>();
    for (DeploymentChange change : plan.toApply()) {
      DeploymentSnapshot live =
          gateway
              .snapshot(change.deployment())
              .orElseThrow(() -> new DeploymentNotFoundException(change.deployment()));
      boolean ours = ChangeCause.madeBy(live.deployment(), run);
      if (!ours || !change.newImage().equals(serviceImage(target, live))) {
        // A Deployment this run already wrote (an earlier attempt put it back) has moved on from
        // the planned version by this run's own hand: write over the version read now.
        String expected =
            ours ? live.deployment().getMetadata().getResourceVersion() : change.resourceVersion();
        ImageChange write =
            new ImageChange(
                change.deployment(),
                change.container(),
                change.newImage(),
                cause.annotations(),
                expected);
        try {
          gateway.setImage(write);
        } catch (RuntimeException e) {
          putBack(gateway, writtenNow, target, context, e);
          throw e;
        }
        writtenNow.add(change);
      }
      replaced.add(
          new ReplacedTemplate(
              change.deployment(), change.replacedRevision(), change.replacedTemplate()));
    }
    return replaced;
  }

  private DeployTarget resolve(DeployRequest request) {
    try {
      return targets.resolve(request.service(), request.environment());
    } catch (PlanRefusedException e) {
      throw StepException.user(String.join("\n", e.problems()));
    }
  }

  private static String serviceImage(DeployTarget target, DeploymentSnapshot live) {
    return ServiceContainer.find(target.service(), live.deployment().getSpec().getTemplate())
        .map(container -> container.getImage())
        .orElse("");
  }

  /** Undoes this execution's writes after a later one failed; says so loudly if it cannot. */
  private static void putBack(
      DeploymentGateway gateway,
      List<DeploymentChange> written,
      DeployTarget target,
      StepContext<?> context,
      RuntimeException failure) {
    List<String> notPutBack = new ArrayList<>();
    for (DeploymentChange change : written) {
      try {
        DeploymentSnapshot live =
            gateway
                .snapshot(change.deployment())
                .orElseThrow(() -> new DeploymentNotFoundException(change.deployment()));
        ReplacedTemplate replaced =
            new ReplacedTemplate(
                change.deployment(), change.replacedRevision(), change.replacedTemplate());
        ChangeCause cause =
            ChangeCause.rollback(
                context.runId().value(),
                context.requester(),
                target.service().name(),
                RestoreTemplatesStep.version(target, replaced));
        gateway.restoreTemplate(
            UndoPlan.toTemplate(live, change.replacedTemplate()).restore(cause.annotations()));
      } catch (RuntimeException e) {
        log.error(
            "run {}: could not put Deployment {} back after a failed set-image",
            context.runId(),
            change.deployment(),
            e);
        notPutBack.add(change.deployment().toString());
      }
    }
    if (!notPutBack.isEmpty()) {
      throw new StepException(
          dev.shipmate.engine.run.Failure.permanent(
              "set-image failed part-way, and Deployment "
                  + String.join(", ", notPutBack)
                  + " could not be put back to its old template: check "
                  + context.target()
                  + " by hand."),
          failure);
    }
  }
}
