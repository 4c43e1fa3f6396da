package dev.shipmate.bot.dispatch;

import dev.shipmate.engine.Engine;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles every button the same way: a second delivery of a click is a no-op, the handler answers
 * with a {@link ClickReply}, a refusal is told to who clicked alone, what was done goes in the
 * card's thread or to who clicked, and the audit ledger gets a line for every refusal and for what
 * a click did beyond steering a run (which the engine records itself).
 */
public final class ButtonDispatcher {

  private static final Logger log = LoggerFactory.getLogger(ButtonDispatcher.class);

  static final String UNKNOWN = "That button is not one Shipmate knows; nothing was done.";

  private final ButtonHandlers handlers;
  private final Engine engine;
  private final PrivateReplies replies;
  private final ThreadPosts threads;
  private final AuditLog audit;
  private final FollowUps followUps;

  public ButtonDispatcher(
      ButtonHandlers handlers,
      Engine engine,
      PrivateReplies replies,
      ThreadPosts threads,
      AuditLog audit,
      FollowUps followUps) {
    this.handlers = Objects.requireNonNull(handlers, "handlers");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.followUps = Objects.requireNonNull(followUps, "followUps");
  }

  /**
   * Handles {@code click}. A handler that throws is answered to who clicked with a reference to the
   * log line, never with an exception.
   */
  public void click(Click click) {
    try {
      handle(click);
    } catch (RuntimeException failure) {
      String text = HandlerFailures.answer("do that", click.userId(), failure);
      try {
        audit.record(
            click.userId(), Subject.NONE, click.actionId() + " on " + click.value(), "failed");
        tell(click, text);
      } catch (RuntimeException alsoFailed) {
        log.error("could not tell {} that their click failed", click.userId(), alsoFailed);
      }
    }
  }

  private void handle(Click click) {
    log.info(
        "{} clicked {} on {}{}",
        click.userId(),
        click.actionId(),
        click.value(),
        click.retry() > 0 ? " (retry " + click.retry() + ")" : "");
    if (click.requestKey().isPresent() && !engine.claimRequest(click.requestKey().get())) {
      return;
    }
    ButtonHandlers.Entry entry = handlers.find(click.actionId()).orElse(null);
    if (entry == null) {
      tell(click, UNKNOWN);
      return;
    }
    handle(click, entry.handler().handle(click), entry.label() + " button on " + click.value());
  }

  private void handle(Click click, ClickReply reply, String what) {
    reply.match(
        new ClickReply.Cases<Void>() {
          @Override
          public Void refused(ClickReply.Refused refused) {
            audit.record(click.userId(), refused.subject(), what, "refused: " + refused.text());
            tell(click, refused.text());
            return null;
          }

          @Override
          public Void told(ClickReply.Told told) {
            audit.record(click.userId(), told.subject(), what, told.outcome());
            tell(click, told.text());
            return null;
          }

          @Override
          public Void posted(ClickReply.Posted posted) {
            audit.record(click.userId(), posted.subject(), what, posted.outcome());
            if (click.channelId() != null && click.messageTs().isPresent()) {
              threads.post(click.channelId(), click.messageTs().get(), posted.text());
            } else {
              tell(click, posted.text());
            }
            return null;
          }

          @Override
          public Void quiet(ClickReply.Quiet quiet) {
            return null;
          }

          @Override
          public Void later(ClickReply.Later later) {
            boolean queued =
                followUps.offThread(
                    () -> {
                      ClickReply worked;
                      try {
                        worked = later.reply().get();
                      } catch (RuntimeException e) {
                        worked =
                            new ClickReply.Refused(
                                followUps.failure(e, later.what()), Subject.NONE);
                      }
                      handle(click, worked, what);
                    });
            if (!queued) {
              tell(click, FollowUps.tooBusy(later.what()));
            }
            return null;
          }
        });
  }

  private void tell(Click click, String text) {
    replies.tell(click.channelId(), click.userId(), click.replyUrl(), text, click.messageTs());
  }
}
