package dev.shipmate.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shipmate.bot.command.RunControls;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.RunId;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A click on a run card's Approve, Cancel, Abort, Pause or Resume button, or on one of the answers
 * to the question a paused run asks ({@code run.choose.<choice>}, on its card or in its thread).
 * Signed like a command (Bolt verifies it), and the permission is checked again on every click: a
 * card may be seen by anyone in the channel. A refusal is told to the person who clicked, and only
 * to them; what was done shows on the card.
 */
public final class RunButtonListener implements BlockActionHandler {

  private static final Logger log = LoggerFactory.getLogger(RunButtonListener.class);

  /** The buttons that steer a run; Roll back starts another and has its own listener. */
  public static final Set<RunActionKind> HANDLED =
      Set.of(
          RunActionKind.APPROVE,
          RunActionKind.CANCEL,
          RunActionKind.ABORT,
          RunActionKind.PAUSE,
          RunActionKind.RESUME,
          RunActionKind.CHOOSE);

  private final RunActionKind kind;
  private final Engine engine;
  private final RunControls controls;
  private final EphemeralReplies replies;
  private final Clock clock;

  public RunButtonListener(
      RunActionKind kind,
      Engine engine,
      RunControls controls,
      EphemeralReplies replies,
      Clock clock) {
    if (!HANDLED.contains(kind)) {
      throw new IllegalArgumentException(kind + " buttons are not handled here");
    }
    this.kind = kind;
    this.engine = Objects.requireNonNull(engine, "engine");
    this.controls = Objects.requireNonNull(controls, "controls");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    ButtonClick click = ButtonClick.of(request, context);
    String userId = click.userId();
    String channelId = click.channelId();
    String value = click.value();
    Optional<String> key = click.requestKey();
    int retry = click.retry();
    log.info(
        "{} clicked {} on {}{}",
        userId,
        kind.id(),
        value,
        retry > 0 ? " (retry " + retry + ")" : "");
    if (key.isPresent() && !engine.claimRequest(key.get())) {
      return context.ack();
    }
    Optional<RunId> runId = RunId.parse(value);
    if (runId.isEmpty()) {
      tell(
          channelId,
          userId,
          "That button names no run Shipmate knows; /runs lists the active ones.");
      return context.ack();
    }
    RunControls.Outcome outcome =
        switch (kind) {
          case APPROVE -> controls.approve(runId.get(), userId);
          case PAUSE -> controls.pause(runId.get(), userId);
          case RESUME -> controls.resume(runId.get(), userId);
          case CHOOSE ->
              controls.decide(
                  runId.get(), SlackRenderer.choiceOf(click.actionId()).orElse(""), userId);
          // Abort is a cutover's cancel: its undo puts back the weights from before the run.
          case CANCEL, ABORT -> controls.cancel(runId.get(), userId);
          default -> throw new IllegalStateException(kind + " is not handled here");
        };
    if (outcome instanceof RunControls.Outcome.Refused refused) {
      // The engine audits refused approvals itself; a refused permission is recorded here.
      engine.record(
          new AuditEntry(
              clock.instant(),
              userId,
              AuditAction.COMMAND,
              engine.run(runId.get()).map(run -> run.target()),
              runId,
              kind.label() + " button on " + runId.get() + " refused: " + refused.message()));
      tell(channelId, userId, refused.message());
    }
    return context.ack();
  }

  private void tell(String channelId, String userId, String text) {
    if (channelId != null) {
      replies.tell(channelId, userId, text);
    }
  }
}
