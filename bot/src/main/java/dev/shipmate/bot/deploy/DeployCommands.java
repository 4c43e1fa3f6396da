package dev.shipmate.bot.deploy;

import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Environment;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.pipelines.deploy.DeployPipeline;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.RollbackPipeline;
import dev.shipmate.pipelines.deploy.RollbackRequest;
import dev.shipmate.pipelines.deploy.WaveDeployPipeline;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code /deploy web v1.2 prod} and {@code /rollback web prod [to v1.1]}: a run on the
 * environment's rules, reported in the environment's channel, else {@code slack.channel}, else
 * where it was typed. {@code --dry-run} plans instead ({@link DeployQueries}).
 */
final class DeployCommands {

  private final ShipmateConfig config;
  private final PipelineRegistry pipelines;
  private final DeployQueries queries;

  DeployCommands(ShipmateConfig config, PipelineRegistry pipelines, DeployQueries queries) {
    this.config = Objects.requireNonNull(config, "config");
    this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  Reply deploy(Command.Deploy deploy, CommandOrigin origin) {
    if (deploy.dryRun()) {
      return queries.dryRun(deploy, origin);
    }
    // An environment across several clusters is deployed wave by wave, by its own pipeline.
    boolean inWaves =
        config.environment(deploy.environment()).map(Environment::inWaves).orElse(false);
    return start(
        inWaves ? WaveDeployPipeline.TYPE : DeployPipeline.TYPE,
        "Deploys",
        "deploy",
        new DeployRequest(deploy.service(), deploy.version(), deploy.environment()),
        deploy.service(),
        deploy.environment(),
        origin,
        start ->
            start
                .breakGlass(
                    deploy.breakGlass(),
                    new Command.Deploy(
                            deploy.service(),
                            deploy.version(),
                            deploy.environment(),
                            false,
                            Optional.of(Command.REASON_PLACEHOLDER))
                        .commandLine())
                .queue(
                    deploy.queue(),
                    new Command.Deploy(
                            deploy.service(),
                            deploy.version(),
                            deploy.environment(),
                            false,
                            Optional.empty(),
                            true)
                        .commandLine()));
  }

  Reply rollback(Command.Rollback rollback, CommandOrigin origin) {
    return start(
        RollbackPipeline.TYPE,
        "Rollbacks",
        "roll back",
        new RollbackRequest(rollback.service(), rollback.environment(), rollback.version()),
        rollback.service(),
        rollback.environment(),
        origin,
        start ->
            start.queue(
                rollback.queue(),
                new Command.Rollback(
                        rollback.service(), rollback.environment(), rollback.version(), true)
                    .commandLine()));
  }

  private Reply start(
      String pipeline,
      String plural,
      String verb,
      Record params,
      String service,
      String environmentName,
      CommandOrigin origin,
      UnaryOperator<Reply.Start> finish) {
    if (pipelines.find(pipeline).isEmpty()) {
      return Reply.refusal(plural + " are not wired yet, so nothing was started.");
    }
    Environment environment =
        config
            .environment(environmentName)
            .orElseThrow(
                () -> new IllegalStateException("the grammar let through " + environmentName));
    String channel =
        environment.channel().or(() -> config.slack().channel()).orElse(origin.channelId());
    // On a confirm: true environment its requester confirms first, seeing what runs there now.
    return Reply.confirm(
        finish.apply(
            Reply.start(
                StartRequest.of(pipeline, params, origin.userId())
                    .replyTo(ReplyAddress.channel(channel)),
                DeploySlice.guard(environment),
                verb)),
        queries.currently(service, environmentName));
  }
}
