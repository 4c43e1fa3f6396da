package dev.shipmate.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shipmate.bot.command.RollbackFromCard;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.RunId;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A click on the Roll back button of a finished deploy's card. Checked like {@code /rollback} on
 * every click; the rollback it starts is announced in the deploy card's thread with its run id (and
 * gets a card of its own), and a refusal is told only to whoever clicked.
 */
public final class RollBackButtonListener implements BlockActionHandler {

  private static final Logger log = LoggerFactory.getLogger(RollBackButtonListener.class);

  private final Engine engine;
  private final RollbackFromCard rollbacks;
  private final EphemeralReplies replies;
  private final ThreadReplies thread;

  public RollBackButtonListener(
      Engine engine, RollbackFromCard rollbacks, EphemeralReplies replies, ThreadReplies thread) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.rollbacks = Objects.requireNonNull(rollbacks, "rollbacks");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.thread = Objects.requireNonNull(thread, "thread");
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    ButtonClick click = ButtonClick.of(request, context);
    String userId = click.userId();
    String channelId = click.channelId();
    String value = click.value();
    Optional<String> key = click.requestKey();
    log.info("{} clicked rollback on {}", userId, value);
    if (key.isPresent() && !engine.claimRequest(key.get())) {
      return context.ack();
    }
    Optional<RunId> runId = RunId.parse(value);
    if (runId.isEmpty() || channelId == null) {
      tell(channelId, userId, "That button names no run Shipmate knows; nothing was started.");
      return context.ack();
    }
    RollbackFromCard.Outcome outcome = rollbacks.rollBack(runId.get(), userId, channelId);
    if (outcome instanceof RollbackFromCard.Outcome.Started) {
      Optional<String> cardTs = click.messageTs();
      if (cardTs.isPresent()) {
        thread.post(channelId, cardTs.get(), outcome.message());
      } else {
        tell(channelId, userId, outcome.message());
      }
    } else {
      tell(channelId, userId, outcome.message());
    }
    return context.ack();
  }

  private void tell(String channelId, String userId, String text) {
    if (channelId != null) {
      replies.tell(channelId, userId, text);
    }
  }
}
