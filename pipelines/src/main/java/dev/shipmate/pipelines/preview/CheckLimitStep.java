package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import java.util.Objects;

/**
 * {@code check-limit}: refuses a new preview over {@code previews.limit}, naming the oldest ones.
 * The bot checks the same before it starts a run; this check is the one that holds when two
 * requests race (and for GitHub deliveries, which nobody answers in words).
 */
final class CheckLimitStep implements Step<PreviewUpRequest> {
  static final String NAME = "check-limit";

  private final PreviewGateway gateway;
  private final PreviewLimits limits;

  CheckLimitStep(PreviewGateway gateway, PreviewLimits limits) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<PreviewUpRequest> context) {
    LimitDecision decision = limits.check(gateway.list(), context.params().pr());
    if (decision instanceof LimitDecision.Refused refused) {
      return StepResult.failed(FailureKind.USER, refused.message());
    }
    return StepResult.done();
  }
}
