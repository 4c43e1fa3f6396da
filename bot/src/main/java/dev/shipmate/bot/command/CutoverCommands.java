package dev.shipmate.bot.command;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Cutover;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.pipelines.cutover.CutoverParams;
import dev.shipmate.pipelines.cutover.CutoverPipeline;
import dev.shipmate.pipelines.cutover.CutoverRefusedException;
import dev.shipmate.pipelines.cutover.Route53ExceptionClassifier;
import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /cutover}: a shift starts a run on the cutover's own policy ({@code operators}, {@code
 * approvers}); {@code status} and {@code --dry-run} read Route53 (and probe green) off the ack
 * thread and answer the person a moment later; {@code abort} cancels the running run, whose undo
 * puts back the weights from before it.
 */
public final class CutoverCommands {

  /** How an answer that takes a while reaches the person who asked, visible only to them. */
  @FunctionalInterface
  public interface FollowUp {
    void tell(String channelId, String userId, String text);
  }

  private static final Logger log = LoggerFactory.getLogger(CutoverCommands.class);

  private final ShipmateConfig config;
  private final Engine engine;
  private final PipelineRegistry pipelines;
  private final Authorizer authorizer;
  private final RunControls controls;
  private final Executor slow;
  private final FollowUp followUp;
  private final Clock clock;

  public CutoverCommands(
      ShipmateConfig config,
      Engine engine,
      PipelineRegistry pipelines,
      Authorizer authorizer,
      RunControls controls,
      Executor slow,
      FollowUp followUp,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.controls = Objects.requireNonNull(controls, "controls");
    this.slow = Objects.requireNonNull(slow, "slow");
    this.followUp = Objects.requireNonNull(followUp, "followUp");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String shift(Command.CutoverShift shift, CommandOrigin origin) {
    Optional<CutoverPipeline> pipeline = pipeline();
    Optional<Cutover> cutover = Optional.ofNullable(config.cutovers().get(shift.cutover()));
    if (pipeline.isEmpty() || cutover.isEmpty()) {
      record(origin, Optional.empty(), Optional.empty());
      return "Cutovers are not wired yet, so nothing was started.";
    }
    Decision decision =
        authorizer.mayStart(
            origin.userId(),
            shift.cutover(),
            cutover.get().policy(),
            "shift traffic of",
            "operators");
    if (decision instanceof Decision.Refused refused) {
      record(origin, Optional.empty(), Optional.empty());
      return "Nothing was started. " + refused.rule();
    }
    CutoverParams params =
        new CutoverParams(
            shift.cutover(),
            shift.percent(),
            shift.steps().map(Command.CutoverShift.Steps::percent),
            shift.steps().map(Command.CutoverShift.Steps::every));
    if (shift.dryRun()) {
      record(origin, Optional.empty(), Optional.empty());
      return later(
          origin,
          "Planning " + shift.commandLine() + " from the live weights; nothing will be changed.",
          () -> "```\n" + pipeline.get().dryRun(params) + "\n```");
    }
    String channel = config.slack().channel().orElse(origin.channelId());
    int approvals = cutover.get().policy().approvals();
    StartResult result =
        engine.start(
            StartRequest.of(CutoverPipeline.TYPE, params, origin.userId())
                .replyTo(ReplyAddress.channel(channel))
                .approvals(approvals));
    if (result instanceof StartResult.Refused refused) {
      record(origin, Optional.of(refused.holder().key()), Optional.empty());
      return "Nothing was started: "
          + refused.userMessage()
          + " `/cutover "
          + shift.cutover()
          + " status` shows how it is going; `/cutover "
          + shift.cutover()
          + " abort` stops it.";
    }
    Run run = ((StartResult.Started) result).run();
    record(origin, Optional.of(run.target()), Optional.of(run.id()));
    return "Started "
        + run.id()
        + ": "
        + run.summary()
        + " — follow it in <#"
        + channel
        + ">."
        + (approvals > 0
            ? " It waits for "
                + approvals
                + (approvals == 1 ? " approval" : " approvals")
                + " from someone else before it begins."
            : "");
  }

  public String status(Command.CutoverStatus status, CommandOrigin origin) {
    record(origin, Optional.of(CutoverPipeline.lockKey(status.cutover())), Optional.empty());
    Optional<CutoverPipeline> pipeline = pipeline();
    if (pipeline.isEmpty()) {
      return "Cutovers are not wired yet.";
    }
    return later(
        origin,
        "Reading " + status.cutover() + " from Route53 and probing green; the answer follows.",
        () -> pipeline.get().status(status.cutover()).text() + "\n" + running(status.cutover()));
  }

  public String abort(Command.CutoverAbort abort, CommandOrigin origin) {
    LockKey key = CutoverPipeline.lockKey(abort.cutover());
    Optional<Run> run = activeRun(key);
    record(origin, Optional.of(key), run.map(Run::id));
    if (run.isEmpty()) {
      return "No cutover of "
          + abort.cutover()
          + " is running, so there is nothing to abort. To send the traffic back to blue, type"
          + " `/cutover "
          + abort.cutover()
          + " 0%`.";
    }
    RunControls.Outcome outcome = controls.cancel(run.get().id(), origin.userId());
    if (outcome instanceof RunControls.Outcome.Refused) {
      return "Nothing was aborted: " + outcome.message();
    }
    return "Aborting "
        + run.get().id()
        + ": the traffic goes back to the weights from before it; its thread says when that is"
        + " done.";
  }

  /** {@code Running: c-4k2p (cutover www to 100% green…) by <@U1>, at bake: step 2 of 4…}. */
  private String running(String cutover) {
    return activeRun(CutoverPipeline.lockKey(cutover))
        .map(
            run ->
                "Running: "
                    + run.id()
                    + " ("
                    + run.summary()
                    + ") by <@"
                    + run.requester()
                    + ">"
                    + engine.steps(run.id()).stream()
                        .filter(s -> s.progress().isPresent())
                        .max(Comparator.comparing(StepRun::startedAt))
                        .map(s -> ", at " + s.step() + ": " + s.progress().orElseThrow())
                        .orElse("")
                    + ".")
        .orElse("No cutover of " + cutover + " is running.");
  }

  private Optional<Run> activeRun(LockKey key) {
    return engine
        .lockHolder(key)
        .flatMap(holder -> engine.run(holder.runId()))
        .filter(Run::isActive);
  }

  /** Answers at once, and with {@code answer} once it is known, on the slow executor. */
  private String later(CommandOrigin origin, String now, Supplier<String> answer) {
    try {
      slow.execute(() -> followUp.tell(origin.channelId(), origin.userId(), safely(answer)));
    } catch (RejectedExecutionException stopping) {
      return "Shipmate is stopping; try again in a minute.";
    }
    return now;
  }

  private static String safely(Supplier<String> answer) {
    try {
      return answer.get();
    } catch (CutoverRefusedException refused) {
      return String.join("\n", refused.problems());
    } catch (RuntimeException e) {
      Optional<String> known =
          new Route53ExceptionClassifier().classify(e).map(failure -> failure.message());
      if (known.isEmpty()) {
        log.warn("a /cutover answer failed", e);
      }
      return "Shipmate could not read the cutover from Route53: "
          + known.orElse("an internal error; the details are in Shipmate's log")
          + ".";
    }
  }

  private Optional<CutoverPipeline> pipeline() {
    return pipelines
        .find(CutoverPipeline.TYPE)
        .filter(CutoverPipeline.class::isInstance)
        .map(CutoverPipeline.class::cast);
  }

  private void record(CommandOrigin origin, Optional<LockKey> target, Optional<RunId> runId) {
    engine.record(
        new AuditEntry(
            clock.instant(), origin.userId(), AuditAction.COMMAND, target, runId, origin.typed()));
  }
}
