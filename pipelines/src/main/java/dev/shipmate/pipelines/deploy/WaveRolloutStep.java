package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Durations;
import dev.shipmate.engine.run.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code wave-N-rollout}: watches the rollouts {@code wave-N-set-image} started, in every cluster
 * of the wave side by side. Fails as soon as one fails, naming the cluster, the Deployment and the
 * reason; the engine then undoes this wave and every wave before it, newest first.
 */
final class WaveRolloutStep implements Step<DeployRequest> {
  private final int wave;
  private final WaveTargets waves;
  private final RolloutCheck check;
  private final Duration timeout;

  WaveRolloutStep(int wave, WaveTargets waves, RolloutCheck check, Duration timeout) {
    this.wave = wave;
    this.waves = Objects.requireNonNull(waves, "waves");
    this.check = Objects.requireNonNull(check, "check");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return "wave-" + (wave + 1) + "-rollout";
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public StepResult execute(StepContext<DeployRequest> context) {
    List<List<DeployTarget>> all = waves.forStep(context.params());
    if (wave >= all.size()) {
      return StepResult.skipped(WaveSetImageStep.noSuchWave(context.params(), all.size()));
    }
    WaveChange changed =
        context
            .findOutput(WaveSetImageStep.name(wave), WaveChange.class)
            .orElse(new WaveChange(List.of()));
    if (changed.clusters().isEmpty()) {
      return StepResult.skipped("no Deployment of this wave was changed");
    }
    List<RolloutCheck.ClusterRollouts> rollouts =
        changed.clusters().stream()
            .map(
                cluster ->
                    new RolloutCheck.ClusterRollouts(
                        target(all.get(wave), cluster.cluster()),
                        cluster.templates().stream().map(ReplacedTemplate::deployment).toList()))
            .toList();
    StepResult result = check.check(context.runId(), rollouts, "rollout");
    if (result instanceof StepResult.Running running
        && !context
            .now()
            .plus(running.checkAfter())
            .isBefore(context.stepStartedAt().plus(timeout))) {
      // The engine would time the step out before it looks again, saying only the step's name:
      // fail now, saying which cluster is where.
      check.stop(context.runId());
      return StepResult.failed(
          FailureKind.TIMEOUT,
          name()
              + " did not finish within "
              + Durations.words(timeout)
              + ": "
              + running.progress());
    }
    return result;
  }

  @Override
  public void onCancel(StepContext<DeployRequest> context) {
    check.stop(context.runId());
  }

  /** The target of a cluster the run changed; a user error if the configuration lost it since. */
  static DeployTarget target(List<DeployTarget> targets, String cluster) {
    return targets.stream()
        .filter(t -> t.cluster().name().equals(cluster))
        .findFirst()
        .orElseThrow(
            () ->
                StepException.user(
                    "cluster "
                        + cluster
                        + " is no longer in the environment's waves; check it by hand"));
  }
}
