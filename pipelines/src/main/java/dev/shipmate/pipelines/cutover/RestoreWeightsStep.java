package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.pipeline.RetryPolicy;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.RunId;
import java.util.Objects;

/**
 * {@code restore-weights}, the undo of {@code apply-weights}: writes back, in one batch, the
 * weights before the run when it was aborted (cancelled), or the last weights judged healthy when
 * it failed; then waits for INSYNC. Without this process's memory of the run (a restart), a failure
 * goes back one step from the live weights, and to the weights before the run when the live ones
 * are no step of it.
 */
final class RestoreWeightsStep implements Step<CutoverParams> {
  static final String NAME = "restore-weights";

  private final CutoverTargets targets;
  private final Route53Gateway route53;
  private final CutoverMemory memory;

  RestoreWeightsStep(CutoverTargets targets, Route53Gateway route53, CutoverMemory memory) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.route53 = Objects.requireNonNull(route53, "route53");
    this.memory = Objects.requireNonNull(memory, "memory");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RetryPolicy retry() {
    return CutoverPipeline.ROUTE53_RETRY;
  }

  @Override
  public StepResult execute(StepContext<CutoverParams> context) {
    CutoverPlan plan = context.output(PlanCutoverStep.NAME, CutoverPlan.class);
    RunId run = context.runId();
    CutoverMemory.Restoring restoring = memory.restoring(run).orElseGet(() -> write(context, plan));
    String what = "putting back " + CutoverPlan.shares(restoring.to());
    if (route53.changeStatus(restoring.changeId()) == ChangeStatus.PENDING) {
      return StepResult.running(BakeStep.IN_SYNC_POLL, what + " · waiting for Route53 (PENDING)");
    }
    memory.forget(run);
    return StepResult.done(new Restored(restoring.to()));
  }

  private CutoverMemory.Restoring write(StepContext<CutoverParams> context, CutoverPlan plan) {
    CutoverTarget target = targets.resolve(context.params().cutover());
    WeightedPair live = route53.readPair(target.ref());
    boolean aborted = context.cause().map(Failure::kind).orElse(null) == FailureKind.CANCELLED;
    Weights to = aborted ? plan.before().weights() : lastHealthy(context.runId(), plan, live);
    String changeId =
        route53.applyWeights(
            live,
            to,
            "Shipmate "
                + context.runId().value()
                + ": "
                + plan.cutover()
                + (aborted ? " aborted, back to " : " failed, back to ")
                + CutoverPlan.shares(to));
    CutoverMemory.Restoring restoring = new CutoverMemory.Restoring(to, changeId);
    memory.remember(context.runId(), restoring);
    return restoring;
  }

  private Weights lastHealthy(RunId run, CutoverPlan plan, WeightedPair live) {
    return memory
        .move(run)
        .map(MoveState::lastHealthy)
        .orElseGet(
            () ->
                plan.stepWith(live.weights())
                    .map(step -> plan.lastHealthyBefore(step.number()))
                    .orElse(plan.before().weights()));
  }
}
