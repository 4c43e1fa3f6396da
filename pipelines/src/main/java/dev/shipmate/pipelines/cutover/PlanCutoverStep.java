package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * {@code plan}: reads the weighted pair and stores the {@link CutoverPlan}: the weights before the
 * run (what an abort goes back to), each step's weights and earliest time. Refuses a missing or
 * unweighted record, and a request that would leave both weights at 0. Reads only.
 */
final class PlanCutoverStep implements Step<CutoverParams> {
  static final String NAME = "plan";

  private final CutoverTargets targets;
  private final Route53Gateway route53;

  PlanCutoverStep(CutoverTargets targets, Route53Gateway route53) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.route53 = Objects.requireNonNull(route53, "route53");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<CutoverParams> context) {
    CutoverTarget target = targets.resolve(context.params().cutover());
    WeightedPair live = route53.readPair(target.ref());
    return StepResult.done(
        CutoverPlan.of(
            target.name(),
            live,
            context.params().asRequest(),
            target.bake(),
            Clock.fixed(context.now(), ZoneOffset.UTC)));
  }

  @Override
  public dev.shipmate.engine.pipeline.RetryPolicy retry() {
    return CutoverPipeline.ROUTE53_RETRY;
  }
}
