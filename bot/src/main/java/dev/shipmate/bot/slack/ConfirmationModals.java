package dev.shipmate.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsUpdateResponse;
import dev.shipmate.bot.dispatch.Confirmation;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.dispatch.RunStarter;
import dev.shipmate.bot.slack.render.ConfirmationModal;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a {@link Confirmation} as a modal, after the ack: {@code views.open} with the command's
 * trigger id on the urgent executor (Slack lets a trigger id open a view once, within 3 s), then,
 * when the confirmation reads what runs there now, that reading on the work executor and a {@code
 * views.update} of the open modal. When the modal cannot be opened, who typed the command is told
 * privately that nothing was started and what to do.
 */
public final class ConfirmationModals {

  private static final Logger log = LoggerFactory.getLogger(ConfirmationModals.class);

  private final MethodsClient methods;
  private final PrivateReplies replies;
  private final Executor urgent;
  private final Executor work;

  /**
   * @param urgent where {@code views.open} is called: nothing slow may queue there
   * @param work where what runs now is read (a cluster, with its timeouts)
   */
  public ConfirmationModals(
      MethodsClient methods, PrivateReplies replies, Executor urgent, Executor work) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.urgent = Objects.requireNonNull(urgent, "urgent");
    this.work = Objects.requireNonNull(work, "work");
  }

  /** Opens the modal for {@code confirmation} with {@code triggerId}, off the ack's thread. */
  public void open(String triggerId, Confirmation confirmation) {
    try {
      urgent.execute(() -> openNow(triggerId, confirmation));
    } catch (RejectedExecutionException stopping) {
      tell(confirmation, "Shipmate is stopping or too busy to show its confirmation");
    }
  }

  private void openNow(String triggerId, Confirmation confirmation) {
    String error;
    try {
      ViewsOpenResponse opened =
          methods.viewsOpen(
              r ->
                  r.triggerId(triggerId)
                      .view(ConfirmationModal.render(confirmation, Optional.empty())));
      if (opened.isOk()) {
        confirmation
            .currently()
            .ifPresent(
                currently ->
                    readLater(
                        opened.getView().getId(),
                        opened.getView().getHash(),
                        confirmation,
                        currently));
        return;
      }
      error = opened.getError();
    } catch (Exception e) {
      error = e.toString();
    }
    log.warn("could not open the confirmation of '{}': {}", confirmation.replay().typed(), error);
    tell(confirmation, "Slack did not show its confirmation (" + describe(error) + ")");
  }

  private void readLater(
      String viewId, String hash, Confirmation confirmation, Supplier<String> currently) {
    try {
      work.execute(() -> update(viewId, hash, confirmation, read(currently)));
    } catch (RejectedExecutionException stopping) {
      update(viewId, hash, confirmation, "unknown (Shipmate is too busy to read it)");
    }
  }

  private static String read(Supplier<String> currently) {
    try {
      return currently.get();
    } catch (RuntimeException e) {
      log.warn("could not read what runs now for a confirmation", e);
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private void update(String viewId, String hash, Confirmation confirmation, String now) {
    try {
      ViewsUpdateResponse updated =
          methods.viewsUpdate(
              r ->
                  r.viewId(viewId)
                      .hash(hash)
                      .view(ConfirmationModal.render(confirmation, Optional.of(now))));
      if (!updated.isOk()) {
        // Closed or submitted meanwhile (not_found), or changed by someone else (hash_conflict):
        // what it would have said no longer matters.
        log.info("confirmation {} not updated: {}", viewId, updated.getError());
      }
    } catch (Exception e) {
      log.warn("could not update confirmation {}: {}", viewId, e.toString());
    }
  }

  private void tell(Confirmation confirmation, String why) {
    Confirmation.Replay replay = confirmation.replay();
    replies.tell(
        replay.channelId(),
        replay.userId(),
        replay.replyUrl(),
        RunStarter.NOT_STARTED + why + ", so " + replay.typed() + " did not start. Type it again.");
  }

  private static String describe(String error) {
    if ("expired_trigger_id".equals(error)) {
      return "expired_trigger_id: it came later than Slack's 3 seconds";
    }
    if ("exchanged_trigger_id".equals(error) || "invalid_trigger_id".equals(error)) {
      return error + ": Slack no longer accepts this command's trigger";
    }
    return error;
  }
}
