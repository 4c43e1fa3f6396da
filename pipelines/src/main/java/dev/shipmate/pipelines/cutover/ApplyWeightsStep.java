package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.pipeline.RetryPolicy;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code apply-weights}: writes the first step's weights, both records in one batch (UPSERT with
 * their TTL and values as read now), and stores the change id. Entered again, it writes the same
 * weights again, which changes nothing. Its undo, {@code restore-weights}, puts traffic back.
 */
final class ApplyWeightsStep implements Step<CutoverParams> {
  static final String NAME = "apply-weights";

  private final CutoverTargets targets;
  private final Route53Gateway route53;
  private final Step<CutoverParams> undo;

  ApplyWeightsStep(CutoverTargets targets, Route53Gateway route53, Step<CutoverParams> undo) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.route53 = Objects.requireNonNull(route53, "route53");
    this.undo = Objects.requireNonNull(undo, "undo");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Step<CutoverParams>> undo() {
    return Optional.of(undo);
  }

  @Override
  public RetryPolicy retry() {
    return CutoverPipeline.ROUTE53_RETRY;
  }

  @Override
  public StepResult execute(StepContext<CutoverParams> context) {
    CutoverPlan plan = context.output(PlanCutoverStep.NAME, CutoverPlan.class);
    if (plan.nothingToDo()) {
      return StepResult.skipped(plan.nothingToDoText());
    }
    CutoverTarget target = targets.resolve(context.params().cutover());
    PlannedStep first = plan.steps().get(0);
    WeightedPair live = route53.readPair(target.ref());
    String changeId =
        route53.applyWeights(
            live, first.weights(), CutoverNotes.comment(context.runId(), plan, first));
    return StepResult.done(new Applied(first.weights(), changeId, context.now()));
  }
}
