package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.pipelines.kubernetes.DeploymentGateway;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An undo: puts back the pod templates a step of this run replaced, as {@code kubectl rollout undo}
 * would, and watches that rollback to its end (answering "running" meanwhile). Entered again, it
 * sees a template already back and does not write it twice. It refuses to write over a Deployment
 * that someone else changed after this run did: that change is theirs, and the run ends FAILED,
 * loudly, instead of ROLLED_BACK.
 */
final class RestoreTemplatesStep<P> implements Step<P> {
  /** Where the templates to put back come from: a step's stored output. */
  @FunctionalInterface
  interface Source<P> {
    Restoration of(StepContext<P> context);
  }

  /** The templates to put back, on which target. */
  record Restoration(DeployTarget target, List<ReplacedTemplate> templates) {
    Restoration {
      Objects.requireNonNull(target, "target");
      templates = List.copyOf(templates);
    }
  }

  private final String name;
  private final Source<P> source;
  private final DeploymentGateways gateways;
  private final RolloutCheck check;
  private final Duration timeout;

  RestoreTemplatesStep(
      String name,
      Source<P> source,
      DeploymentGateways gateways,
      RolloutCheck check,
      Duration timeout) {
    this.name = Objects.requireNonNull(name, "name");
    this.source = Objects.requireNonNull(source, "source");
    this.gateways = Objects.requireNonNull(gateways, "gateways");
    this.check = Objects.requireNonNull(check, "check");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public StepResult execute(StepContext<P> context) {
    Restoration restoration = source.of(context);
    if (restoration.templates().isEmpty()) {
      return StepResult.skipped("nothing was changed, so nothing needs putting back");
    }
    DeployTarget target = restoration.target();
    putBack(gateways, target, restoration.templates(), context);
    return check.check(
        context.runId(),
        target,
        restoration.templates().stream().map(ReplacedTemplate::deployment).toList(),
        "rollback");
  }

  /**
   * Writes back each template that is not back yet, as {@code kubectl rollout undo} would; refuses
   * (a permanent failure) where someone else changed the Deployment after this run did.
   */
  static void putBack(
      DeploymentGateways gateways,
      DeployTarget target,
      List<ReplacedTemplate> templates,
      StepContext<?> context) {
    DeploymentGateway gateway = gateways.on(target.cluster());
    String run = context.runId().value();
    for (ReplacedTemplate replaced : templates) {
      DeploymentSnapshot live =
          gateway
              .snapshot(replaced.deployment())
              .orElseThrow(
                  () ->
                      StepException.permanent(
                          "Deployment "
                              + replaced.deployment()
                              + " is gone, so its old template cannot be put back: find out who"
                              + " deleted it and recreate it."));
      if (PodTemplates.equalIgnoringHash(
          live.deployment().getSpec().getTemplate(), replaced.template())) {
        continue;
      }
      if (!ChangeCause.madeBy(live.deployment(), run)) {
        throw StepException.permanent(
            "Deployment "
                + replaced.deployment()
                + " was changed by someone else after run "
                + run
                + " changed it (its change-cause now: "
                + ChangeCause.lastCause(live.deployment())
                + "); Shipmate will not put the old template back over that change.");
      }
      UndoPlan undo;
      try {
        undo = UndoPlan.toTemplate(live, replaced.template());
      } catch (PlanRefusedException e) {
        throw StepException.permanent(String.join(" ", e.problems()));
      }
      ChangeCause cause =
          ChangeCause.rollback(
              run, context.requester(), target.service().name(), version(target, replaced));
      gateway.restoreTemplate(undo.restore(cause.annotations()));
    }
  }

  @Override
  public void onCancel(StepContext<P> context) {
    check.stop(context.runId());
  }

  /** The version the template runs, as people name it; its revision if the service is not in it. */
  static String version(DeployTarget target, ReplacedTemplate replaced) {
    return ServiceContainer.find(target.service(), replaced.template())
        .map(container -> ImageTags.version(container.getImage()))
        .orElse("revision " + replaced.revision());
  }
}
