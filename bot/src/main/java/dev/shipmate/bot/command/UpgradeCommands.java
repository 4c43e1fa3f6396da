package dev.shipmate.bot.command;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.slack.EphemeralReplies;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Cluster;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.pipelines.upgrade.UpgradePipeline;
import dev.shipmate.pipelines.upgrade.UpgradePlanText;
import dev.shipmate.pipelines.upgrade.UpgradeRefusedException;
import dev.shipmate.pipelines.upgrade.UpgradeRequest;
import dev.shipmate.pipelines.upgrade.UpgradeTargets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /upgrade prod-eu 1.32 [--dry-run]} and {@code /upgrade prod-eu status}. Starting a run
 * only checks names, permissions and locks, so it is answered in the ack; a dry run and a status
 * read the cluster (Kubernetes and AWS), so the ack says they are coming and the answer follows
 * ephemerally, off the ack's thread. Who may upgrade (and dry-run) is the cluster's {@code
 * operators}; anyone may ask for a status.
 */
public final class UpgradeCommands {

  private static final Logger log = LoggerFactory.getLogger(UpgradeCommands.class);

  static final String NOT_WIRED = "Upgrades are not wired yet, so nothing was started.";

  private final ShipmateConfig config;
  private final Engine engine;
  private final Optional<UpgradePipeline> pipeline;
  private final Authorizer authorizer;
  private final RunControls controls;
  private final EphemeralReplies replies;
  private final Executor executor;
  private final Clock clock;

  public UpgradeCommands(
      ShipmateConfig config,
      Engine engine,
      PipelineRegistry pipelines,
      Authorizer authorizer,
      RunControls controls,
      EphemeralReplies replies,
      Executor executor,
      Clock clock) {
    this.config = config;
    this.engine = engine;
    this.pipeline =
        pipelines
            .find(UpgradePipeline.TYPE)
            .filter(UpgradePipeline.class::isInstance)
            .map(UpgradePipeline.class::cast);
    this.authorizer = authorizer;
    this.controls = controls;
    this.replies = replies;
    this.executor = executor;
    this.clock = clock;
  }

  /** {@code /upgrade prod-eu 1.32 [--dry-run]}: the ack's text. */
  public String upgrade(Command.Upgrade command, CommandOrigin origin) {
    UpgradeRequest request = new UpgradeRequest(command.cluster(), command.version());
    if (pipeline.isEmpty()) {
      record(origin, Optional.empty(), Optional.empty());
      return NOT_WIRED;
    }
    List<String> problems = pipeline.get().problems(request);
    if (!problems.isEmpty()) {
      record(origin, Optional.empty(), Optional.empty());
      return "Nothing was started: " + String.join(" ", problems);
    }
    Cluster cluster = config.clusters().get(command.cluster());
    Decision decision =
        authorizer.mayStart(
            origin.userId(), cluster.name(), cluster.policy(), "upgrade", "operators");
    if (decision instanceof Decision.Refused refused) {
      record(origin, Optional.empty(), Optional.empty());
      return "Nothing was started. " + refused.rule();
    }
    if (command.dryRun()) {
      record(origin, Optional.empty(), Optional.empty());
      later(origin, () -> UpgradePlanText.render(pipeline.get().dryRun(request)));
      return "Checking "
          + cluster.name()
          + " for an upgrade to "
          + command.version()
          + " (a dry run: nothing will change); the plan follows here in a moment.";
    }
    return start(request, cluster, origin);
  }

  /** {@code /upgrade prod-eu status}: the ack's text; the status follows. */
  public String status(Command.UpgradeStatus command, CommandOrigin origin) {
    record(origin, Optional.empty(), Optional.empty());
    if (pipeline.isEmpty()) {
      return NOT_WIRED;
    }
    if (!config.clusters().containsKey(command.cluster())) {
      return "There is no cluster named '"
          + command.cluster()
          + "' (known: "
          + String.join(", ", config.clusters().keySet())
          + ").";
    }
    later(origin, () -> status(command.cluster()));
    return "Reading " + command.cluster() + "; its status follows here in a moment.";
  }

  /** {@code /upgrade prod-eu pause}: pauses the cluster's running upgrade, as its Pause button. */
  public String pause(Command.UpgradePause command, CommandOrigin origin) {
    return pauseOrResume(command.cluster(), origin, true);
  }

  /** {@code /upgrade prod-eu resume}: resumes the cluster's paused upgrade. */
  public String resume(Command.UpgradeResume command, CommandOrigin origin) {
    return pauseOrResume(command.cluster(), origin, false);
  }

  private String pauseOrResume(String cluster, CommandOrigin origin, boolean pause) {
    LockKey target = UpgradeTargets.lockKey(cluster);
    // The running upgrade is the one holding the cluster's lock; nothing else holds it.
    Optional<LockHolder> holder = engine.lockHolder(target);
    record(origin, Optional.of(target), holder.map(LockHolder::runId));
    if (holder.isEmpty()) {
      return "No upgrade of "
          + cluster
          + " is running, so there is nothing to "
          + (pause ? "pause" : "resume")
          + ". /upgrade "
          + cluster
          + " status shows where it stands.";
    }
    RunId run = holder.get().runId();
    RunControls.Outcome outcome =
        pause ? controls.pause(run, origin.userId()) : controls.resume(run, origin.userId());
    return outcome.message();
  }

  private String start(UpgradeRequest request, Cluster cluster, CommandOrigin origin) {
    String channel = config.slack().channel().orElse(origin.channelId());
    int approvals = cluster.policy().approvals();
    StartResult result;
    try {
      result =
          engine.start(
              StartRequest.of(UpgradePipeline.TYPE, request, origin.userId())
                  .replyTo(ReplyAddress.channel(channel))
                  .approvals(approvals));
    } catch (UpgradeRefusedException refused) {
      record(origin, Optional.empty(), Optional.empty());
      return "Nothing was started: " + String.join(" ", refused.problems());
    }
    if (result instanceof StartResult.Refused refused) {
      record(origin, Optional.of(refused.holder().key()), Optional.empty());
      return "Nothing was started: " + refused.userMessage();
    }
    Run run = ((StartResult.Started) result).run();
    record(origin, Optional.of(run.target()), Optional.of(run.id()));
    String started =
        "Started "
            + run.id()
            + ": "
            + run.summary()
            + " — follow it in <#"
            + channel
            + ">. It checks the cluster first and stops there if anything is wrong;"
            + " /upgrade "
            + request.cluster()
            + " status shows where it is.";
    if (approvals > 0) {
      started +=
          " It waits for "
              + approvals
              + (approvals == 1 ? " approval" : " approvals")
              + " from someone else before it begins.";
    }
    return started;
  }

  /** The cluster's versions, and the upgrade running on it (or the last one), in words. */
  private String status(String clusterName) {
    StringBuilder text = new StringBuilder(pipeline.get().clusterStatus(clusterName));
    LockKey key = UpgradeTargets.lockKey(clusterName);
    Optional<Run> active =
        engine.active().stream()
            .filter(r -> r.pipeline().equals(UpgradePipeline.TYPE) && r.target().equals(key))
            .findFirst();
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
          .filter(r -> r.pipeline().equals(UpgradePipeline.TYPE))
          .findFirst()
          .flatMap(Run::message)
          .ifPresent(last -> text.append(" The last one: ").append(last));
    }
    return text.toString();
  }

  /** Works out an answer off the ack's thread and tells it to the person who asked. */
  private void later(CommandOrigin origin, java.util.function.Supplier<String> answer) {
    try {
      executor.execute(() -> replies.tell(origin.channelId(), origin.userId(), answer(answer)));
    } catch (RejectedExecutionException stopping) {
      log.warn("not answering {}: Shipmate is stopping", origin.typed());
    }
  }

  private static String answer(java.util.function.Supplier<String> answer) {
    try {
      return answer.get();
    } catch (UpgradeRefusedException refused) {
      return String.join(" ", refused.problems());
    } catch (RuntimeException e) {
      String ref = Long.toString(System.nanoTime() & 0xfffff, 36);
      log.warn("an upgrade dry run or status failed (ref {})", ref, e);
      return "Shipmate could not read the cluster (its Kubernetes API or AWS did not answer as"
          + " expected; ref "
          + ref
          + " in Shipmate's log). Nothing was changed; try again in a minute.";
    }
  }

  private void record(CommandOrigin origin, Optional<LockKey> target, Optional<RunId> runId) {
    engine.record(
        new AuditEntry(
            clock.instant(), origin.userId(), AuditAction.COMMAND, target, runId, origin.typed()));
  }
}
