package dev.shipmate.bot.cutover;

import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.dispatch.RunControls;
import dev.shipmate.bot.dispatch.Subject;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Cutover;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.pipelines.cutover.CutoverParams;
import dev.shipmate.pipelines.cutover.CutoverPipeline;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /cutover}: a shift starts a run on the cutover's own policy ({@code operators}, {@code
 * approvers}); {@code status} and {@code --dry-run} read Route53 (and probe green), so they are
 * answered a moment later; {@code abort} cancels the running run, whose undo puts back the weights
 * from before it.
 */
final class CutoverCommands {

  static final String NOT_WIRED = "Cutovers are not wired yet, so nothing was started.";

  private final ShipmateConfig config;
  private final Engine engine;
  private final Optional<CutoverPipeline> pipeline;
  private final RunControls controls;

  CutoverCommands(
      ShipmateConfig config,
      Engine engine,
      Optional<CutoverPipeline> pipeline,
      RunControls controls) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.controls = Objects.requireNonNull(controls, "controls");
  }

  Reply shift(Command.CutoverShift shift, CommandOrigin origin) {
    Optional<Cutover> cutover = Optional.ofNullable(config.cutovers().get(shift.cutover()));
    if (pipeline.isEmpty() || cutover.isEmpty()) {
      return Reply.refusal(NOT_WIRED);
    }
    CutoverParams params =
        new CutoverParams(
            shift.cutover(),
            shift.percent(),
            shift.steps().map(Command.CutoverShift.Steps::percent),
            shift.steps().map(Command.CutoverShift.Steps::every));
    if (shift.dryRun()) {
      return Reply.later(
          "Planning " + shift.commandLine() + " from the live weights; nothing will be changed.",
          () -> "```\n" + pipeline.get().dryRun(params) + "\n```",
          "plan " + shift.commandLine());
    }
    String channel = config.slack().channel().orElse(origin.channelId());
    // On a confirm: true cutover its requester confirms first, seeing the weights served now.
    return Reply.confirm(
        Reply.start(
                StartRequest.of(CutoverPipeline.TYPE, params, origin.userId())
                    .replyTo(ReplyAddress.channel(channel)),
                CutoverSlice.guard(cutover.get()),
                "shift traffic of")
            .whenBusy(
                "`/cutover "
                    + shift.cutover()
                    + " status` shows how it is going; `/cutover "
                    + shift.cutover()
                    + " abort` stops it.")
            .breakGlass(
                shift.breakGlass(),
                new Command.CutoverShift(
                        shift.cutover(), shift.percent(), shift.steps(), false, Optional.empty())
                    .breakingGlass(Command.REASON_PLACEHOLDER)
                    .commandLine())
            .queue(
                shift.queue(),
                new Command.CutoverShift(
                        shift.cutover(),
                        shift.percent(),
                        shift.steps(),
                        false,
                        Optional.empty(),
                        true)
                    .commandLine()),
        () -> pipeline.get().status(shift.cutover()).text());
  }

  Reply status(Command.CutoverStatus status, CommandOrigin origin) {
    if (pipeline.isEmpty()) {
      return Reply.refusal("Cutovers are not wired yet.");
    }
    return Reply.later(
        "Reading " + status.cutover() + " from Route53 and probing green; the answer follows.",
        () -> pipeline.get().status(status.cutover()).text() + "\n" + running(status.cutover()),
        "read the cutover " + status.cutover() + " from Route53");
  }

  Reply abort(Command.CutoverAbort abort, CommandOrigin origin) {
    LockKey key = CutoverPipeline.lockKey(abort.cutover());
    Optional<Run> run = activeRun(key);
    if (run.isEmpty()) {
      return Reply.refusal(
          "No cutover of "
              + abort.cutover()
              + " is running, so there is nothing to abort. To send the traffic back to blue, type"
              + " `/cutover "
              + abort.cutover()
              + " 0%`.",
          Subject.of(key));
    }
    Subject subject = Subject.of(key, run.get().id());
    RunControls.Outcome outcome = controls.cancel(run.get().id(), origin.userId());
    if (outcome instanceof RunControls.Outcome.Refused) {
      return Reply.refusal("Nothing was aborted: " + outcome.message(), subject);
    }
    return Reply.answer(
        "Aborting "
            + run.get().id()
            + ": the traffic goes back to the weights from before it; its thread says when that is"
            + " done.",
        subject);
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
}
