package dev.shipmate.bot.drift;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.shipmate.bot.slack.ButtonClick;
import dev.shipmate.bot.slack.EphemeralReplies;
import dev.shipmate.bot.slack.publish.SlackCallException;
import dev.shipmate.pipelines.drift.Decision;
import dev.shipmate.pipelines.drift.DriftLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snooze 7 days and Ignore on a drift report. Records the decision (nothing is written to git),
 * then says in the report's thread who decided what and why. A snooze needs a reason, typed in the
 * report's reason box before pressing the button.
 */
public final class DriftButtonListener implements BlockActionHandler {
  static final Duration SNOOZE = Duration.ofDays(7);

  private static final Logger log = LoggerFactory.getLogger(DriftButtonListener.class);

  private final Decision.Kind kind;
  private final DriftLedger ledger;
  private final DriftPublisher publisher;
  private final EphemeralReplies replies;
  private final Executor executor;
  private final Clock clock;

  public DriftButtonListener(
      Decision.Kind kind,
      DriftLedger ledger,
      DriftPublisher publisher,
      EphemeralReplies replies,
      Executor executor,
      Clock clock) {
    this.kind = kind;
    this.ledger = ledger;
    this.publisher = publisher;
    this.replies = replies;
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    BlockActionPayload payload = request.getPayload();
    ButtonClick click = ButtonClick.of(request, context);
    String userId = click.userId();
    String channelId = click.channelId();
    String messageTs = click.messageTs().orElse(null);
    String key = click.value();
    if (key == null || key.isBlank() || channelId == null) {
      return context.ack();
    }
    String reason = reason(payload).orElse("");
    if (kind == Decision.Kind.SNOOZED && reason.isBlank()) {
      replies.tell(
          channelId,
          userId,
          "Nothing was snoozed: type a reason in the box under the drift report, then press"
              + " Snooze 7 days again.");
      return context.ack();
    }
    Instant now = clock.instant();
    Decision decision =
        new Decision(
            kind,
            kind == Decision.Kind.SNOOZED ? Optional.of(now.plus(SNOOZE)) : Optional.empty(),
            reason.strip(),
            userId,
            now);
    ledger.decide(key, decision);
    String note =
        "<@"
            + userId
            + "> "
            + (kind == Decision.Kind.SNOOZED ? "snoozed for 7 days" : "ignored")
            + " `"
            + DriftMessageRenderer.escape(key)
            + "`"
            + (decision.reason().isEmpty()
                ? ""
                : ": " + DriftMessageRenderer.escape(decision.reason()))
            + ". Nothing was changed in git; later reports count it as "
            + (kind == Decision.Kind.SNOOZED ? "snoozed until then." : "ignored.");
    executor.execute(
        () -> {
          try {
            publisher.say(channelId, messageTs, note);
          } catch (SlackCallException e) {
            log.warn("the drift decision note could not be posted: {}", e.getMessage());
          }
        });
    return context.ack();
  }

  private static Optional<String> reason(BlockActionPayload payload) {
    if (payload.getState() == null || payload.getState().getValues() == null) {
      return Optional.empty();
    }
    Map<String, ViewState.Value> block =
        payload.getState().getValues().get(DriftActions.REASON_BLOCK);
    if (block == null || block.get(DriftActions.REASON_INPUT) == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(block.get(DriftActions.REASON_INPUT).getValue());
  }
}
