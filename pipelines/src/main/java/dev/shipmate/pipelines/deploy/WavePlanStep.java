package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code plan} of a deploy in waves: reads the service's Deployments in every cluster of every wave
 * and stores a {@link WavePlan}. Refuses (changing nothing) when any cluster lacks a Deployment or
 * a container, naming the cluster. Reads only, so it is safe to enter again.
 */
final class WavePlanStep implements Step<DeployRequest> {
  static final String NAME = "plan";

  private final WaveTargets waves;
  private final DeployPlanner planner;

  WavePlanStep(WaveTargets waves, DeployPlanner planner) {
    this.waves = Objects.requireNonNull(waves, "waves");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult execute(StepContext<DeployRequest> context) {
    DeployRequest request = context.params();
    try {
      List<List<DeployTarget>> all = waves.waves(request);
      List<String> order = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        order.add(WaveTargets.describe(i, all.get(i)));
      }
      return StepResult.done(plan(all, planner, request), String.join(", then ", order));
    } catch (PlanRefusedException e) {
      throw StepException.user(String.join("\n", e.problems()));
    }
  }

  /**
   * The plan of every cluster of every wave, for a run and for {@code --dry-run}.
   *
   * @throws PlanRefusedException naming every problem of every cluster
   */
  static WavePlan plan(
      List<List<DeployTarget>> waves, DeployPlanner planner, DeployRequest request) {
    List<WavePlan.ClusterPlan> plans = new ArrayList<>();
    Set<String> problems = new LinkedHashSet<>();
    for (List<DeployTarget> wave : waves) {
      for (DeployTarget target : wave) {
        String cluster = target.cluster().name();
        try {
          plans.add(
              new WavePlan.ClusterPlan(
                  cluster,
                  DeployPlan.of(
                      target.service(),
                      target.environment(),
                      planner.live(target),
                      request.version())));
        } catch (PlanRefusedException e) {
          e.problems().forEach(problem -> problems.add("cluster " + cluster + ": " + problem));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanRefusedException(List.copyOf(problems));
    }
    return new WavePlan(plans);
  }
}
