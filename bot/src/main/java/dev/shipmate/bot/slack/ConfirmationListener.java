package dev.shipmate.bot.slack;

import com.slack.api.app_backend.views.payload.ViewClosedPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.DefaultContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.shipmate.bot.dispatch.CommandDispatcher;
import dev.shipmate.bot.dispatch.Confirmation;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.slack.render.ConfirmationModal;
import dev.shipmate.commands.CommandGrammar;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers to a confirmation modal ({@code callback_id} {@link ConfirmationModal#CALLBACK_ID}):
 * Submit ({@code view_submission}) runs the command it carries again, as confirmed, through the
 * dispatcher — de-duplicated by the view, audited, its guard checked again — and Cancel or the
 * close button ({@code view_closed}) starts nothing. Both are acknowledged at once, which closes
 * the modal; what came of them is told privately to who typed the command.
 */
public final class ConfirmationListener {

  private static final Logger log = LoggerFactory.getLogger(ConfirmationListener.class);

  private final CommandGrammar grammar;
  private final CommandDispatcher dispatcher;
  private final PrivateReplies replies;

  public ConfirmationListener(
      CommandGrammar grammar, CommandDispatcher dispatcher, PrivateReplies replies) {
    this.grammar = Objects.requireNonNull(grammar, "grammar");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.replies = Objects.requireNonNull(replies, "replies");
  }

  /** Submit: the run starts, if it still may. */
  public Response submitted(ViewSubmissionRequest request, ViewSubmissionContext context) {
    ViewSubmissionPayload payload = request.getPayload();
    View view = payload == null ? null : payload.getView();
    Optional<Confirmation.Replay> replay = replay(view);
    if (replay.isEmpty() || payload.getUser() == null || payload.getUser().getId() == null) {
      log.warn("a confirmation was submitted without the command it confirms; nothing was done");
      return context.ack();
    }
    String submitter = payload.getUser().getId();
    String teamId = payload.getTeam() != null ? payload.getTeam().getId() : context.getTeamId();
    Confirmation.Replay confirmed = replay.get();
    log.info("{} confirmed {}", submitter, confirmed.typed());
    String answer =
        dispatcher.confirmed(
            grammar.parse(confirmed.command(), confirmed.text()),
            confirmed,
            submitter,
            RequestKeys.of(teamId, "view:" + view.getId()));
    replies.tell(confirmed.channelId(), submitter, confirmed.replyUrl(), answer);
    return context.ack();
  }

  /** Cancel, or the modal closed: nothing starts. */
  public Response closed(ViewClosedRequest request, DefaultContext context) {
    ViewClosedPayload payload = request.getPayload();
    Optional<Confirmation.Replay> replay = replay(payload == null ? null : payload.getView());
    if (replay.isPresent() && payload.getUser() != null && payload.getUser().getId() != null) {
      String closer = payload.getUser().getId();
      String answer = dispatcher.notConfirmed(replay.get(), closer);
      replies.tell(replay.get().channelId(), closer, replay.get().replyUrl(), answer);
    }
    return context.ack();
  }

  private static Optional<Confirmation.Replay> replay(View view) {
    if (view == null || view.getPrivateMetadata() == null || view.getId() == null) {
      return Optional.empty();
    }
    return ConfirmationModal.replay(view.getPrivateMetadata());
  }
}
