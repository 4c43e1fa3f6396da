package dev.shipmate.bot.dispatch;

import dev.shipmate.bot.presenter.ActionIds;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import java.util.Objects;
import java.util.Optional;

/**
 * A run card's Approve, Cancel, Abort, Pause and Resume buttons, and the answers to the question a
 * paused run asks ({@code run.choose.<choice>}, on its card or in its thread). The permission is
 * checked again on every click: a card may be seen by anyone in the channel. What was done shows on
 * the card; a refusal is told to who clicked.
 */
public final class RunButtons {

  static final String NO_RUN =
      "That button names no run Shipmate knows; /runs lists the active ones.";

  private final Engine engine;
  private final RunControls controls;

  public RunButtons(Engine engine, RunControls controls) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.controls = Objects.requireNonNull(controls, "controls");
  }

  public void register(ButtonHandlers buttons) {
    buttons
        .on(id(RunActionKind.APPROVE), RunActionKind.APPROVE.label(), this::approve)
        .on(id(RunActionKind.PAUSE), RunActionKind.PAUSE.label(), this::pause)
        .on(id(RunActionKind.RESUME), RunActionKind.RESUME.label(), this::resume)
        .on(id(RunActionKind.CANCEL), RunActionKind.CANCEL.label(), this::cancel)
        // Abort is a cancel whose undo is not "as if it never ran" (weights put back, nodes left
        // replaced): the same request to the engine.
        .on(id(RunActionKind.ABORT), RunActionKind.ABORT.label(), this::cancel)
        .onPrefix(ActionIds.CHOICE_PREFIX, "Answer", this::choose);
  }

  private static String id(RunActionKind kind) {
    return ActionIds.of(kind);
  }

  private ClickReply approve(Click click) {
    return steer(click, run -> controls.approve(run, click.userId()));
  }

  private ClickReply pause(Click click) {
    return steer(click, run -> controls.pause(run, click.userId()));
  }

  private ClickReply resume(Click click) {
    return steer(click, run -> controls.resume(run, click.userId()));
  }

  private ClickReply cancel(Click click) {
    return steer(click, run -> controls.cancel(run, click.userId()));
  }

  private ClickReply choose(Click click) {
    String choice = ActionIds.choiceOf(click.actionId()).orElse("");
    return steer(click, run -> controls.decide(run, choice, click.userId()));
  }

  private interface Control {
    RunControls.Outcome on(RunId run);
  }

  private ClickReply steer(Click click, Control control) {
    Optional<RunId> runId = RunId.parse(click.value());
    if (runId.isEmpty()) {
      return ClickReply.refused(NO_RUN);
    }
    RunControls.Outcome outcome = control.on(runId.get());
    if (outcome instanceof RunControls.Outcome.Refused refused) {
      // The engine audits refused approvals itself; a refused permission is recorded here.
      return new ClickReply.Refused(
          refused.message(), new Subject(engine.run(runId.get()).map(Run::target), runId));
    }
    return ClickReply.quiet();
  }
}
