package dev.shipmate.bot.deploy;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.auth.Role;
import dev.shipmate.bot.presenter.ActionIds;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.RunKind;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Environment;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.deploy.DeployHistory;
import dev.shipmate.pipelines.deploy.DeployPipeline;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.DeploySettings;
import dev.shipmate.pipelines.deploy.KubernetesExceptionClassifier;
import dev.shipmate.pipelines.deploy.RollbackPipeline;
import dev.shipmate.pipelines.deploy.RollbackRequest;
import dev.shipmate.pipelines.deploy.WaveDeployPipeline;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /deploy} and {@code /rollback}: the deploy and rollback pipelines, their commands ({@code
 * --dry-run}, {@code /deploy history}, {@code /whats-deployed}) and the Roll back button of a
 * finished deploy's card. An environment's {@code deployers} start them; its approvers approve.
 */
public final class DeploySlice implements PipelineSlice {

  /** The clusters' Deployments, once {@link #pipelines} made them; read by the queries. */
  private Optional<DeploymentGateways> clusters = Optional.empty();

  /** What the bot knows of deploys, once {@link #runKinds} declared it. */
  private RunKind<DeployRequest> deploys;

  @Override
  public String name() {
    return "deploy";
  }

  @Override
  public List<Pipeline<?>> pipelines(PipelineClients clients) {
    DeploySettings settings = DeploySettings.of(clients.config().deploy());
    DeploymentGateways gateways = clients.deploymentGateways();
    clusters = Optional.of(gateways);
    List<Pipeline<?>> pipelines = new ArrayList<>();
    pipelines.add(
        new DeployPipeline(
            clients.config(), gateways, clients.clock(), clients.rolloutWatches(), settings));
    pipelines.add(
        new RollbackPipeline(
            clients.config(), gateways, clients.clock(), clients.rolloutWatches(), settings));
    if (WaveDeployPipeline.needed(clients.config())) {
      pipelines.add(
          new WaveDeployPipeline(
              clients.config(), gateways, clients.clock(), clients.rolloutWatches(), settings));
    }
    return List.copyOf(pipelines);
  }

  @Override
  public List<ExceptionClassifier> classifiers() {
    return List.of(new KubernetesExceptionClassifier());
  }

  @Override
  public List<RunKind<?>> runKinds(ShipmateConfig config) {
    List<LockKey> targets = new ArrayList<>();
    for (String environment : config.environments().keySet()) {
      for (String service : config.services().keySet()) {
        targets.add(DeployHistory.target(service, environment));
      }
    }
    deploys =
        RunKind.of(DeployPipeline.TYPE, DeployRequest.class)
            .guardedBy(request -> guard(config, request.environment()))
            .whenFinished(
                run ->
                    ReplacedVersion.of(run).isPresent()
                        ? List.of(RunActionKind.ROLL_BACK)
                        : List.of())
            .listedUnder(targets)
            .labelled(request -> "deploy " + request.version());
    List<RunKind<?>> kinds = new ArrayList<>();
    kinds.add(deploys);
    kinds.add(
        RunKind.of(RollbackPipeline.TYPE, RollbackRequest.class)
            .guardedBy(request -> guard(config, request.environment()))
            .listedUnder(targets)
            .labelled(
                request -> "rollback to " + request.toVersion().orElse("the previous revision")));
    if (WaveDeployPipeline.needed(config)) {
      // No Roll back button once finished: /rollback acts on one cluster, and refuses waves.
      kinds.add(
          RunKind.of(WaveDeployPipeline.TYPE, DeployRequest.class)
              .guardedBy(request -> guard(config, request.environment()))
              .listedUnder(targets)
              .labelled(request -> "deploy " + request.version() + " in waves"));
    }
    return List.copyOf(kinds);
  }

  /** An environment's rules: its {@code deployers} start, its approvers approve. */
  static Optional<Guard> guard(ShipmateConfig config, String environment) {
    return config.environment(environment).map(DeploySlice::guard);
  }

  static Guard guard(Environment environment) {
    return new Guard(environment.name(), environment.policy(), Role.DEPLOYERS);
  }

  @Override
  public void open(SliceContext context, SliceFront front) {
    DeployQueries queries =
        new DeployQueries(
            context.config(),
            context.engine(),
            context.authorizer(),
            clusters,
            context.slices()::label);
    DeployCommands commands = new DeployCommands(context.config(), context.pipelines(), queries);
    RollbackFromCard rollbacks =
        new RollbackFromCard(
            context.config(),
            context.engine(),
            context.starter(),
            context.authorizer(),
            run -> context.slices().kind(run).filter(kind -> kind == deploys).isPresent());
    front
        .commands()
        .on(Command.Deploy.class, commands::deploy)
        .on(Command.Rollback.class, commands::rollback)
        .query(Command.DeployHistory.class, (history, origin) -> queries.history(history))
        .on(Command.WhatsDeployed.class, queries::whatsDeployed);
    front
        .buttons()
        .on(
            ActionIds.of(RunActionKind.ROLL_BACK),
            RunActionKind.ROLL_BACK.label(),
            rollbacks::click);
  }
}
