package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import java.util.Objects;

/**
 * {@code plan}: reads the service's Deployments and stores the {@link DeployPlan}, which records,
 * per Deployment, the image to set and the revision, template and resourceVersion it replaces.
 * Reads only, so it is safe to enter again.
 */
final class PlanDeployStep implements Step<DeployRequest> {
  static final String NAME = "plan";

  private final DeployPlanner planner;

  PlanDeployStep(DeployPlanner planner) {
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<DeployRequest> context) {
    try {
      return StepResult.done(planner.plan(context.params()));
    } catch (PlanRefusedException e) {
      throw StepException.user(String.join("\n", e.problems()));
    }
  }
}
