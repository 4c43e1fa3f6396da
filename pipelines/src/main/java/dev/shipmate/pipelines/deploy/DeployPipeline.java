package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import dev.shipmate.pipelines.deploy.WatchRolloutStep.Watching;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * {@code /deploy web v1.2 prod}: {@code plan} → {@code set-image} → {@code watch-rollout}, then
 * {@code verify} when environments name metric checks to bake a deploy with. When the rollout fails
 * (a new pod that cannot pull or start, the progress deadline, the step's timeout), or a check of
 * {@code verify} does, the engine undoes {@code set-image} with {@code restore-template}, which
 * puts the recorded templates back and watches that rollback to its end: the run ends ROLLED_BACK,
 * with the cause.
 *
 * <p>Holds {@code deploy:<env>/<service>} (shared with rollback) and is refused while the
 * environment's cluster is being upgraded ({@code cluster:<name>} held).
 */
public final class DeployPipeline implements Pipeline<DeployRequest> {
  public static final String TYPE = "deploy";
  static final String UNDO_NAME = "restore-template";

  private final DeployTargets targets;
  private final List<Step<DeployRequest>> steps;

  public DeployPipeline(
      ShipmateConfig config, DeploymentGateways gateways, Clock clock, RolloutWatches watches) {
    this(config, gateways, clock, watches, DeploySettings.defaults());
  }

  public DeployPipeline(
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

  /**
   * @param prometheus asked by {@code verify}, which comes after {@code watch-rollout} when any
   *     environment names checks in its {@code verify:} (else the pipeline has no such step)
   */
  public DeployPipeline(
      ShipmateConfig config,
      DeploymentGateways gateways,
      Clock clock,
      RolloutWatches watches,
      DeploySettings settings,
      PrometheusClient prometheus) {
    this.targets = new DeployTargets(config);
    RolloutCheck check = new RolloutCheck(gateways, watches, clock, settings);
    RestoreTemplatesStep<DeployRequest> undo =
        new RestoreTemplatesStep<>(
            UNDO_NAME,
            context ->
                new RestoreTemplatesStep.Restoration(
                    target(context.params()),
                    context
                        .findOutput(SetImageStep.NAME, ReplacedTemplate.Replaced.class)
                        .map(ReplacedTemplate.Replaced::templates)
                        .orElse(List.of())),
            gateways,
            check,
            settings.rolloutTimeout());
    List<Step<DeployRequest>> steps = new ArrayList<>();
    steps.add(new PlanDeployStep(new DeployPlanner(targets, gateways)));
    steps.add(new SetImageStep(targets, gateways, undo));
    steps.add(new WatchRolloutStep<>(this::watching, check, settings.rolloutTimeout()));
    if (!config.analysis().verify().isEmpty()) {
      steps.add(new VerifyStep(targets, config.analysis(), prometheus));
    }
    this.steps = List.copyOf(steps);
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

  /** A deploy to the environment, on its cluster: freezes of either stop it. */
  @Override
  public Optional<Change> change(DeployRequest params) {
    DeployTarget target = targets.resolve(params.service(), params.environment());
    return Optional.of(
        Change.ofEnvironment(
            FreezeBlock.DEPLOY, target.environment().name(), target.cluster().name()));
  }

  @Override
  public LockKey lockKey(DeployRequest params) {
    return DeployTarget.lockKey(params.service(), params.environment());
  }

  /**
   * {@code cluster:<name>} of the environment's cluster.
   *
   * @throws PlanRefusedException when the service or environment is unknown: the engine then starts
   *     nothing, and the bot shows the message
   */
  @Override
  public Set<LockKey> refuseWhileHeld(DeployRequest params) {
    return Set.of(targets.resolve(params.service(), params.environment()).clusterLock());
  }

  /** {@code deploy web v1.2 to prod}. */
  @Override
  public String summary(DeployRequest params) {
    return "deploy " + params.service() + " " + params.version() + " to " + params.environment();
  }

  @Override
  public List<Step<DeployRequest>> steps() {
    return steps;
  }

  /**
   * Checks the names before a run is asked for: empty when they resolve, else what is wrong and
   * which names would do.
   */
  @Override
  public List<String> problems(DeployRequest params) {
    List<String> problems = targets.problems(params.service(), params.environment());
    if (problems.isEmpty()) {
      // Its waves are deployed by WaveDeployPipeline; this one would reach only the first cluster.
      return targets
          .inWaves(params.environment())
          .map(
              e ->
                  List.of(
                      "Environment "
                          + e.name()
                          + " is deployed in waves: its deploys run as "
                          + WaveDeployPipeline.TYPE
                          + ", not "
                          + TYPE
                          + "."))
          .orElse(List.of());
    }
    return problems;
  }

  private Watching watching(StepContext<DeployRequest> context) {
    DeployPlan plan = context.output(PlanDeployStep.NAME, DeployPlan.class);
    if (plan.alreadyDeployed()) {
      return new Watching.Nothing(DeployPlanner.alreadyThere(plan));
    }
    ReplacedTemplate.Replaced replaced =
        context.output(SetImageStep.NAME, ReplacedTemplate.Replaced.class);
    return new Watching.Rollouts(target(context.params()), replaced.deployments());
  }

  private DeployTarget target(DeployRequest params) {
    return targets.forStep(params.service(), params.environment());
  }
}
