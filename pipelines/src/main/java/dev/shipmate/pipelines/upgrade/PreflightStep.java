package dev.shipmate.pipelines.upgrade;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;

/**
 * {@code preflight}: reads the cluster; stores the plan, or fails with every reason it cannot go.
 */
final class PreflightStep implements Step<UpgradeRequest> {
  static final String NAME = "preflight";

  private final Preflight preflight;

  PreflightStep(Preflight preflight) {
    this.preflight = preflight;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<UpgradeRequest> context) {
    Preflight.Result result = preflight.check(context.params());
    if (!result.ready()) {
      return StepResult.failed(FailureKind.USER, refusal(context.params(), result));
    }
    return StepResult.done(result.plan());
  }

  static String refusal(UpgradeRequest request, Preflight.Result result) {
    return "the upgrade of "
        + request.cluster()
        + " to "
        + request.version()
        + " cannot start: "
        + String.join(" ", result.problems())
        + " Nothing was changed.";
  }
}
