package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Environment;
import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * {@code /deploy web v1.2 prod} where prod lists {@code waves:}: one run that reaches the clusters
 * wave by wave. {@code plan} reads every cluster first; then, for each wave, {@code
 * wave-N-set-image} sets the image in every cluster of the wave, {@code wave-N-rollout} watches
 * those rollouts side by side, and {@code wave-N-bake} (when some environment in waves has {@code
 * bake:} or {@code verify:}) bakes the wave — its {@code bake} time and the environment's checks,
 * measured in each of its clusters — before the next wave starts.
 *
 * <p>When any of them fails, the engine runs the undos of the waves already changed, newest first
 * ({@code wave-2-undo}, then {@code wave-1-undo}): each puts its clusters' templates back and
 * watches those rollbacks; the run ends ROLLED_BACK, its failure naming the step (so the wave), the
 * cluster and the cause.
 *
 * <p>The pipeline's steps are the same for every environment (the engine and the card read them
 * from the pipeline, not the run): as many waves as the environment with the most; an environment
 * with fewer skips the rest. It is pausable: a paused run finishes nothing new, so it does not
 * start the next wave until it is resumed. It holds the same lock as a deploy ({@code
 * deploy:<env>/<service>}) and is refused while any of its clusters is being upgraded.
 */
public final class WaveDeployPipeline implements Pipeline<DeployRequest> {
  public static final String TYPE = "deploy-waves";

  private final DeployTargets targets;
  private final WaveTargets waves;
  private final List<Step<DeployRequest>> steps;

  public WaveDeployPipeline(
      ShipmateConfig config,
      DeploymentGateways gateways,
      Clock clock,
      RolloutWatches watches,
      DeploySettings settings) {
    this(
        config,
        gateways,
        clock,
        watches,
        settings,
        new PrometheusClient(new OkHttpClient(), PrometheusClient.DEFAULT_TIMEOUT));
  }

  public WaveDeployPipeline(
      ShipmateConfig config,
      DeploymentGateways gateways,
      Clock clock,
      RolloutWatches watches,
      DeploySettings settings,
      PrometheusClient prometheus) {
    this.targets = new DeployTargets(config);
    this.waves = new WaveTargets(config, targets);
    RolloutCheck check = new RolloutCheck(gateways, watches, clock, settings);
    boolean bake =
        config.environments().values().stream()
            .filter(Environment::inWaves)
            .anyMatch(
                e -> !e.bake().isZero() || !config.analysis().verifyChecks(e.name()).isEmpty());
    Duration longestBake =
        config.environments().values().stream()
            .map(Environment::bake)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
    List<Step<DeployRequest>> all = new ArrayList<>();
    all.add(new WavePlanStep(waves, new DeployPlanner(targets, gateways)));
    for (int wave = 0; wave < mostWaves(config); wave++) {
      WaveUndoStep undo = new WaveUndoStep(wave, waves, gateways, check, settings.rolloutTimeout());
      all.add(new WaveSetImageStep(wave, waves, gateways, undo));
      all.add(new WaveRolloutStep(wave, waves, check, settings.rolloutTimeout()));
      if (bake) {
        all.add(new WaveBakeStep(wave, waves, config.analysis(), prometheus, longestBake));
      }
    }
    this.steps = List.copyOf(all);
  }

  /**
   * Whether any environment of {@code config} deploys in waves: else this pipeline is not needed.
   */
  public static boolean needed(ShipmateConfig config) {
    return config.environments().values().stream().anyMatch(Environment::inWaves);
  }

  private static int mostWaves(ShipmateConfig config) {
    return config.environments().values().stream()
        .filter(Environment::inWaves)
        .mapToInt(e -> e.waves().size())
        .max()
        .orElse(1);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public char idPrefix() {
    return 'd';
  }

  @Override
  public Class<DeployRequest> paramsType() {
    return DeployRequest.class;
  }

  @Override
  public boolean pausable() {
    return true;
  }

  /**
   * A deploy to the environment, as freezes see it: the environment and every cluster of its waves,
   * so that a freeze of any of them stops it.
   */
  @Override
  public Optional<Change> change(DeployRequest params) {
    DeployTarget target = targets.resolve(params.service(), params.environment());
    return Optional.of(
        Change.ofEnvironment(
            FreezeBlock.DEPLOY, target.environment().name(), target.environment().clusters()));
  }

  @Override
  public LockKey lockKey(DeployRequest params) {
    return DeployTarget.lockKey(params.service(), params.environment());
  }

  /** {@code cluster:<name>} of every cluster of every wave. */
  @Override
  public Set<LockKey> refuseWhileHeld(DeployRequest params) {
    Set<LockKey> held = new LinkedHashSet<>();
    waves.all(params).forEach(target -> held.add(target.clusterLock()));
    return held;
  }

  /** {@code deploy web v1.2 to prod in waves}. */
  @Override
  public String summary(DeployRequest params) {
    return "deploy "
        + params.service()
        + " "
        + params.version()
        + " to "
        + params.environment()
        + " in waves";
  }

  @Override
  public List<Step<DeployRequest>> steps() {
    return steps;
  }

  /** Names that resolve, on an environment that deploys in waves. */
  @Override
  public List<String> problems(DeployRequest params) {
    List<String> problems = targets.problems(params.service(), params.environment());
    if (!problems.isEmpty()) {
      return problems;
    }
    try {
      waves.waves(params);
    } catch (PlanRefusedException e) {
      return e.problems();
    }
    return List.of();
  }
}
