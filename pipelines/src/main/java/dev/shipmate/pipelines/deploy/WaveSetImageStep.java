package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wave-N-set-image}: sets the new image in every cluster of wave N at once (their rollouts
 * then go on side by side), as {@link SetImageStep} does in one cluster, and stores what each
 * cluster's Deployments ran: its undo, {@code wave-N-undo}, puts that back.
 *
 * <p>A write that fails in one cluster after others of the wave were written puts those back before
 * the failure is reported: a failed step is not undone by the engine.
 */
final class WaveSetImageStep implements Step<DeployRequest> {
  private static final Logger log = LoggerFactory.getLogger(WaveSetImageStep.class);

  private final int wave;
  private final WaveTargets waves;
  private final DeploymentGateways gateways;
  private final Step<DeployRequest> undo;

  WaveSetImageStep(
      int wave, WaveTargets waves, DeploymentGateways gateways, Step<DeployRequest> undo) {
    this.wave = wave;
    this.waves = Objects.requireNonNull(waves, "waves");
    this.gateways = Objects.requireNonNull(gateways, "gateways");
    this.undo = Objects.requireNonNull(undo, "undo");
  }

  static String name(int wave) {
    return "wave-" + (wave + 1) + "-set-image";
  }

  @Override
  public String name() {
    return name(wave);
  }

  @Override
  public Optional<Step<DeployRequest>> undo() {
    return Optional.of(undo);
  }

  @Override
  public StepResult execute(StepContext<DeployRequest> context) {
    List<List<DeployTarget>> all = waves.forStep(context.params());
    if (wave >= all.size()) {
      return StepResult.skipped(noSuchWave(context.params(), all.size()));
    }
    WavePlan plan = context.output(WavePlanStep.NAME, WavePlan.class);
    List<WaveChange.ClusterChange> changed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (DeployTarget target : all.get(wave)) {
      String cluster = target.cluster().name();
      DeployPlan clusterPlan =
          plan.of(cluster)
              .orElseThrow(
                  () ->
                      StepException.user(
                          "cluster "
                              + cluster
                              + " was added to the environment's waves after this run planned;"
                              + " deploy again"));
      if (clusterPlan.alreadyDeployed()) {
        notes.add(cluster + ": already at " + clusterPlan.version());
        continue;
      }
      try {
        changed.add(
            new WaveChange.ClusterChange(
                cluster, SetImageStep.write(gateways, target, clusterPlan, context)));
      } catch (RuntimeException e) {
        RuntimeException failure = withCluster(cluster, e);
        try {
          putBack(changed, all.get(wave), context);
        } catch (RuntimeException notPutBack) {
          // The cause of the wave's failure must not be lost behind the failure to put back.
          notPutBack.addSuppressed(failure);
          throw notPutBack;
        }
        throw failure;
      }
      notes.add(cluster + ": " + target.service().name() + " → " + clusterPlan.version());
    }
    if (changed.isEmpty()) {
      return StepResult.skipped(String.join("; ", notes));
    }
    return StepResult.done(new WaveChange(changed), String.join("; ", notes));
  }

  /** A wave past the environment's last: the pipeline has steps for the longest list of waves. */
  static String noSuchWave(DeployRequest request, int waves) {
    return request.environment() + " has " + waves + " wave" + (waves == 1 ? "" : "s");
  }

  /**
   * A failure of ours names the cluster; Kubernetes' own errors are worded by the classifier (which
   * knows their codes), and the cluster is in the log line.
   */
  private static RuntimeException withCluster(String cluster, RuntimeException e) {
    if (e instanceof StepException step) {
      Failure failure = step.failure();
      return new StepException(
          failure.withMessage("cluster " + cluster + ": " + failure.message()), e);
    }
    log.warn("set-image failed in cluster {}", cluster, e);
    return e;
  }

  /** Undoes the clusters of this wave written before one failed; says so loudly if it cannot. */
  private void putBack(
      List<WaveChange.ClusterChange> written,
      List<DeployTarget> targets,
      StepContext<DeployRequest> context) {
    List<String> notPutBack = new ArrayList<>();
    for (WaveChange.ClusterChange change : written) {
      DeployTarget target =
          targets.stream()
              .filter(t -> t.cluster().name().equals(change.cluster()))
              .findFirst()
              .orElseThrow();
      try {
        RestoreTemplatesStep.putBack(gateways, target, change.templates(), context);
      } catch (RuntimeException e) {
        log.error(
            "run {}: could not put cluster {} back after a failed {}",
            context.runId(),
            change.cluster(),
            name(),
            e);
        notPutBack.add(change.cluster());
      }
    }
    if (!notPutBack.isEmpty()) {
      throw new StepException(
          Failure.permanent(
              name()
                  + " failed part-way, and cluster "
                  + String.join(", ", notPutBack)
                  + " could not be put back to its old templates: check "
                  + context.target()
                  + " there by hand."));
    }
  }
}
