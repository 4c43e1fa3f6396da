package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code wave-N-undo}: the undo of {@code wave-N-set-image}. Puts back, in every cluster of the
 * wave, the templates that step replaced (as {@code kubectl rollout undo} would, refusing to write
 * over someone else's later change) and watches those rollbacks to their end. The engine runs the
 * undos of the waves already changed newest first: the failing wave, then the one before, …
 */
final class WaveUndoStep implements Step<DeployRequest> {
  private final int wave;
  private final WaveTargets waves;
  private final DeploymentGateways gateways;
  private final RolloutCheck check;
  private final Duration timeout;

  WaveUndoStep(
      int wave,
      WaveTargets waves,
      DeploymentGateways gateways,
      RolloutCheck check,
      Duration timeout) {
    this.wave = wave;
    this.waves = Objects.requireNonNull(waves, "waves");
    this.gateways = Objects.requireNonNull(gateways, "gateways");
    this.check = Objects.requireNonNull(check, "check");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return "wave-" + (wave + 1) + "-undo";
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public StepResult execute(StepContext<DeployRequest> context) {
    WaveChange changed =
        context
            .findOutput(WaveSetImageStep.name(wave), WaveChange.class)
            .orElse(new WaveChange(List.of()));
    if (changed.clusters().isEmpty()) {
      return StepResult.skipped("nothing was changed, so nothing needs putting back");
    }
    List<DeployTarget> targets =
        waves.forStep(context.params()).stream().flatMap(List::stream).toList();
    List<RolloutCheck.ClusterRollouts> rollbacks = new ArrayList<>();
    for (WaveChange.ClusterChange cluster : changed.clusters()) {
      DeployTarget target = WaveRolloutStep.target(targets, cluster.cluster());
      RestoreTemplatesStep.putBack(gateways, target, cluster.templates(), context);
      rollbacks.add(
          new RolloutCheck.ClusterRollouts(
              target, cluster.templates().stream().map(ReplacedTemplate::deployment).toList()));
    }
    return check.check(context.runId(), rollbacks, "rollback");
  }

  @Override
  public void onCancel(StepContext<DeployRequest> context) {
    check.stop(context.runId());
  }
}
