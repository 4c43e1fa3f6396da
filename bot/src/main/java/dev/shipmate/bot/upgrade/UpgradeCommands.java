package dev.shipmate.bot.upgrade;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.dispatch.RunControls;
import dev.shipmate.bot.dispatch.Subject;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Cluster;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.pipelines.upgrade.UpgradePipeline;
import dev.shipmate.pipelines.upgrade.UpgradePlanText;
import dev.shipmate.pipelines.upgrade.UpgradeRequest;
import dev.shipmate.pipelines.upgrade.UpgradeTargets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /upgrade prod-eu 1.32 [--dry-run]}, {@code /upgrade prod-eu status|pause|resume}. Starting
 * a run only checks names, permissions and locks, so it is answered in the ack; a dry run and a
 * status read the cluster (Kubernetes and AWS), so their answers follow. Who may upgrade (and
 * dry-run) is the cluster's {@code operators}; anyone may ask for a status.
 */
final class UpgradeCommands {

  static final String NOT_WIRED = "Upgrades are not wired yet, so nothing was started.";

  private final ShipmateConfig config;
  private final Engine engine;
  private final Optional<UpgradePipeline> pipeline;
  private final Authorizer authorizer;
  private final RunControls controls;

  UpgradeCommands(
      ShipmateConfig config,
      Engine engine,
      Optional<UpgradePipeline> pipeline,
      Authorizer authorizer,
      RunControls controls) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.controls = Objects.requireNonNull(controls, "controls");
  }

  /** {@code /upgrade prod-eu 1.32 [--dry-run]}. */
  Reply upgrade(Command.Upgrade command, CommandOrigin origin) {
    UpgradeRequest request = new UpgradeRequest(command.cluster(), command.version());
    if (pipeline.isEmpty()) {
      return Reply.refusal(NOT_WIRED);
    }
    List<String> problems = pipeline.get().problems(request);
    if (!problems.isEmpty()) {
      return Reply.notStarted(String.join(" ", problems));
    }
    Cluster cluster = config.clusters().get(command.cluster());
    if (command.dryRun()) {
      // A dry run reads the cluster: only who could upgrade it may ask for one.
      if (authorizer.mayStart(origin.userId(), UpgradeSlice.guard(cluster), "upgrade")
          instanceof Decision.Refused refused) {
        return Reply.refusal("Nothing was started. " + refused.rule());
      }
      return Reply.later(
          "Checking "
              + cluster.name()
              + " for an upgrade to "
              + command.version()
              + " (a dry run: nothing will change); the plan follows here in a moment.",
          () -> UpgradePlanText.render(pipeline.get().dryRun(request)),
          "check " + cluster.name() + " for an upgrade to " + command.version());
    }
    String channel = config.slack().channel().orElse(origin.channelId());
    // On a confirm: true cluster its requester confirms first, seeing the versions it runs now.
    return Reply.confirm(
        Reply.start(
                StartRequest.of(UpgradePipeline.TYPE, request, origin.userId())
                    .replyTo(ReplyAddress.channel(channel)),
                UpgradeSlice.guard(cluster),
                "upgrade")
            .withNote(
                "It checks the cluster first and stops there if anything is wrong; /upgrade "
                    + request.cluster()
                    + " status shows where it is.")
            .breakGlass(
                command.breakGlass(),
                new Command.Upgrade(
                        command.cluster(),
                        command.version(),
                        false,
                        Optional.of(Command.REASON_PLACEHOLDER))
                    .commandLine())
            .queue(
                command.queue(),
                new Command.Upgrade(
                        command.cluster(), command.version(), false, Optional.empty(), true)
                    .commandLine()),
        () -> pipeline.get().clusterStatus(cluster.name()));
  }

  /** {@code /upgrade prod-eu status}: the status follows. */
  Reply status(Command.UpgradeStatus command, CommandOrigin origin) {
    if (pipeline.isEmpty()) {
      return Reply.refusal(NOT_WIRED);
    }
    if (!config.clusters().containsKey(command.cluster())) {
      return Reply.refusal(
          "There is no cluster named '"
              + command.cluster()
              + "' (known: "
              + String.join(", ", config.clusters().keySet())
              + ").");
    }
    return Reply.later(
        "Reading " + command.cluster() + "; its status follows here in a moment.",
        () -> status(command.cluster()),
        "read the cluster " + command.cluster());
  }

  /** {@code /upgrade prod-eu pause}: pauses the cluster's running upgrade, as its Pause button. */
  Reply pause(Command.UpgradePause command, CommandOrigin origin) {
    return pauseOrResume(command.cluster(), origin, true);
  }

  /** {@code /upgrade prod-eu resume}: resumes the cluster's paused upgrade. */
  Reply resume(Command.UpgradeResume command, CommandOrigin origin) {
    return pauseOrResume(command.cluster(), origin, false);
  }

  private Reply pauseOrResume(String cluster, CommandOrigin origin, boolean pause) {
    LockKey target = UpgradeTargets.lockKey(cluster);
    // The running upgrade is the one holding the cluster's lock; nothing else holds it.
    Optional<LockHolder> holder = engine.lockHolder(target);
    if (holder.isEmpty()) {
      return Reply.refusal(
          "No upgrade of "
              + cluster
              + " is running, so there is nothing to "
              + (pause ? "pause" : "resume")
              + ". /upgrade "
              + cluster
              + " status shows where it stands.",
          Subject.of(target));
    }
    RunId run = holder.get().runId();
    Subject subject = Subject.of(target, run);
    RunControls.Outcome outcome =
        pause ? controls.pause(run, origin.userId()) : controls.resume(run, origin.userId());
    return outcome instanceof RunControls.Outcome.Done
        ? Reply.answer(outcome.message(), subject)
        : Reply.refusal(outcome.message(), subject);
  }

  /** The cluster's versions, and the upgrade running on it (or the last one), in words. */
  private String status(String clusterName) {
    StringBuilder text = new StringBuilder(pipeline.get().clusterStatus(clusterName));
    LockKey key = UpgradeTargets.lockKey(clusterName);
    // Only an upgrade holds a cluster's lock; a deploy is refused while it is held.
    Optional<Run> active =
        engine.lockHolder(key).flatMap(holder -> engine.run(holder.runId())).filter(Run::isActive);
    if (active.isPresent()) {
      Run run = active.get();
      text.append("\n")
          .append(run.id())
          .append(" (")
          .append(run.summary())
          .append(", asked by <@")
          .append(run.requester())
          .append(">) is ")
          .append(run.status().words());
      run.currentStep()
          .ifPresent(
              step -> {
                text.append(", at ").append(step);
                engine.steps(run.id()).stream()
                    .filter(s -> s.step().equals(step))
                    .reduce((first, second) -> second)
                    .flatMap(StepRun::progress)
                    .ifPresent(progress -> text.append(": ").append(progress));
              });
      text.append('.');
    } else {
      text.append("\nNo upgrade of ").append(clusterName).append(" is running.");
      engine.history(key, 1).stream()
          .findFirst()
          .flatMap(Run::message)
          .ifPresent(last -> text.append(" The last one: ").append(last));
    }
    return text.toString();
  }
}
