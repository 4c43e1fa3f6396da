package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.deploy.WatchRolloutStep.Watching;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /rollback web prod [to v1.1]}: {@code plan-undo} → {@code restore} → {@code
 * watch-rollout}, the same watch as a deploy's. Holds the same lock as a deploy ({@code
 * deploy:<env>/<service>}), so a rollback never races a deploy of the same service. If the rollback
 * itself fails to roll out, {@code undo-restore} puts back what it replaced.
 */
public final class RollbackPipeline implements Pipeline<RollbackRequest> {
  public static final String TYPE = "rollback";
  static final String UNDO_NAME = "undo-restore";

  private final DeployTargets targets;
  private final List<Step<RollbackRequest>> steps;

  public RollbackPipeline(
      ShipmateConfig config, DeploymentGateways gateways, Clock clock, RolloutWatches watches) {
    this(config, gateways, clock, watches, DeploySettings.defaults());
  }

  public RollbackPipeline(
      ShipmateConfig config,
      DeploymentGateways gateways,
      Clock clock,
      RolloutWatches watches,
      DeploySettings settings) {
    this.targets = new DeployTargets(config);
    RolloutCheck check = new RolloutCheck(gateways, watches, clock, settings);
    RestoreTemplatesStep<RollbackRequest> undo =
        new RestoreTemplatesStep<>(
            UNDO_NAME,
            context ->
                new RestoreTemplatesStep.Restoration(
                    target(context.params()),
                    context
                        .findOutput(RestoreStep.NAME, ReplacedTemplate.Replaced.class)
                        .map(ReplacedTemplate.Replaced::templates)
                        .orElse(List.of())),
            gateways,
            check,
            settings.rolloutTimeout());
    this.steps =
        List.of(
            new PlanUndoStep(targets, gateways),
            new RestoreStep(gateways, this::target, undo),
            new WatchRolloutStep<>(this::watching, check, settings.rolloutTimeout()));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public char idPrefix() {
    return 'r';
  }

  @Override
  public Class<RollbackRequest> paramsType() {
    return RollbackRequest.class;
  }

  /** A rollback, which a freeze stops only when it says {@code blocks: [rollback]}. */
  @Override
  public Optional<Change> change(RollbackRequest params) {
    DeployTarget target = targets.resolve(params.service(), params.environment());
    return Optional.of(
        Change.ofEnvironment(
            FreezeBlock.ROLLBACK, target.environment().name(), target.cluster().name()));
  }

  @Override
  public LockKey lockKey(RollbackRequest params) {
    return DeployTarget.lockKey(params.service(), params.environment());
  }

  /**
   * {@code cluster:<name>}: a rollback is refused during an upgrade of its cluster, like a deploy.
   *
   * @throws PlanRefusedException when the service or environment is unknown
   */
  @Override
  public Set<LockKey> refuseWhileHeld(RollbackRequest params) {
    return Set.of(targets.resolve(params.service(), params.environment()).clusterLock());
  }

  /** {@code roll back web in prod}, or {@code roll back web in prod to v1.1}. */
  @Override
  public String summary(RollbackRequest params) {
    return "roll back "
        + params.service()
        + " in "
        + params.environment()
        + params.toVersion().map(v -> " to " + v).orElse("");
  }

  @Override
  public List<Step<RollbackRequest>> steps() {
    return steps;
  }

  /** Checks the names before a run is asked for: empty when they resolve. */
  @Override
  public List<String> problems(RollbackRequest params) {
    List<String> problems = targets.problems(params.service(), params.environment());
    if (problems.isEmpty()) {
      return targets
          .inWaves(params.environment())
          .map(
              e ->
                  List.of(
                      "Environment "
                          + e.name()
                          + " is deployed in waves across "
                          + String.join(", ", e.clusters())
                          + ", and /rollback acts on one cluster: deploy the version to go back"
                          + " to instead (/deploy "
                          + params.service()
                          + " VERSION "
                          + e.name()
                          + "), which goes wave by wave."))
          .orElse(List.of());
    }
    return problems;
  }

  private Watching watching(StepContext<RollbackRequest> context) {
    RollbackPlan plan = context.output(PlanUndoStep.NAME, RollbackPlan.class);
    if (plan.nothingToDo()) {
      return new Watching.Nothing(plan.alreadyThere());
    }
    ReplacedTemplate.Replaced replaced =
        context.output(RestoreStep.NAME, ReplacedTemplate.Replaced.class);
    return new Watching.Rollouts(target(context.params()), replaced.deployments());
  }

  private DeployTarget target(RollbackRequest params) {
    return targets.forStep(params.service(), params.environment());
  }
}
