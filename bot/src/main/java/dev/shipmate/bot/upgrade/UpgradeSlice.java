package dev.shipmate.bot.upgrade;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.auth.Role;
import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.RunKind;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.bot.slice.StopAction;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Cluster;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.pipelines.upgrade.UpgradeExceptionClassifier;
import dev.shipmate.pipelines.upgrade.UpgradeGateways;
import dev.shipmate.pipelines.upgrade.UpgradePipeline;
import dev.shipmate.pipelines.upgrade.UpgradeRequest;
import dev.shipmate.pipelines.upgrade.UpgradeSettings;
import dev.shipmate.pipelines.upgrade.UpgradeTargets;
import java.util.List;

/**
 * {@code /upgrade}: the control plane, then the nodes. A cluster's {@code operators} start
 * upgrades, its approvers approve; a running upgrade is stopped with Abort (replaced nodes stay
 * replaced) and may be paused.
 */
public final class UpgradeSlice implements PipelineSlice {

  @Override
  public String name() {
    return "upgrade";
  }

  @Override
  public List<Pipeline<?>> pipelines(PipelineClients clients) {
    return List.of(
        new UpgradePipeline(
            clients.config(),
            new UpgradeGateways(clients.kubernetes(), clients.aws()),
            UpgradeSettings.of(clients.config().upgrade())));
  }

  @Override
  public List<ExceptionClassifier> classifiers() {
    return List.of(new UpgradeExceptionClassifier());
  }

  @Override
  public List<RunKind<?>> runKinds(ShipmateConfig config) {
    return List.of(
        RunKind.of(UpgradePipeline.TYPE, UpgradeRequest.class)
            .guardedBy(request -> config.cluster(request.cluster()).map(UpgradeSlice::guard))
            .stoppedBy(StopAction.ABORT)
            .listedUnder(
                config.clusters().keySet().stream().map(UpgradeTargets::lockKey).toList()));
  }

  /** A cluster's rules: its {@code operators} upgrade, its approvers approve. */
  static Guard guard(Cluster cluster) {
    return new Guard(cluster.name(), cluster.policy(), Role.OPERATORS);
  }

  @Override
  public void open(SliceContext context, SliceFront front) {
    UpgradeCommands commands =
        new UpgradeCommands(
            context.config(),
            context.engine(),
            context.pipeline(UpgradePipeline.class),
            context.authorizer(),
            context.controls());
    front
        .commands()
        .on(Command.Upgrade.class, commands::upgrade)
        .on(Command.UpgradeStatus.class, commands::status)
        .on(Command.UpgradePause.class, commands::pause)
        .on(Command.UpgradeResume.class, commands::resume);
  }
}
