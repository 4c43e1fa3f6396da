package dev.shipmate.bot.report;

import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.ThreadNote;
import dev.shipmate.bot.slack.publish.CardAddress;
import dev.shipmate.bot.slack.publish.CardNotPostedException;
import dev.shipmate.bot.slack.publish.CardPublisher;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunListener;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows every run in Slack: posts its card when it is requested (and stores where, as the run's
 * reply address), redraws the card after each event, and writes the notable events in the card's
 * thread. The engine calls {@link #onEvent} on its own thread, after the commit: the event is
 * queued here and handled on this reporter's single thread, in order, so the engine never waits for
 * the database reads or for Slack.
 */
public final class SlackRunReporter implements RunListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackRunReporter.class);

  /** How often to try to free a finished run's memory, while its last messages are still going. */
  private static final Duration FORGET_EVERY = Duration.ofSeconds(30);

  private static final int FORGET_TRIES = 120;

  private static final Duration DRAIN = Duration.ofSeconds(2);

  /**
   * With two replicas, the one that did not create a run may advance it before the other has posted
   * its card: it waits for the card's address instead of posting a second card, and posts one
   * itself only if none appears (the other replica died first).
   */
  private static final Duration CARD_WAIT = Duration.ofSeconds(2);

  private static final int CARD_WAIT_TRIES = 8;

  private final Engine engine;
  private final CardPublisher publisher;
  private final RunCardProjector projector;
  private final StoredCards cards;
  private final ScheduledExecutorService thread;
  private final CardArrivals links;

  /** Without anyone told of new cards. */
  public SlackRunReporter(
      Engine engine,
      CardPublisher publisher,
      RunCardProjector projector,
      ScheduledExecutorService thread) {
    this(engine, publisher, projector, thread, CardArrivals.NONE);
  }

  /**
   * @param thread one thread, so that a run's events are shown in the order they happened; the
   *     reporter stops it on close, after the events already queued are shown (delayed clean-ups
   *     are not waited for)
   * @param links told when a card is posted, or could not be, for the run's requester
   */
  public SlackRunReporter(
      Engine engine,
      CardPublisher publisher,
      RunCardProjector projector,
      ScheduledExecutorService thread,
      CardArrivals links) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.projector = Objects.requireNonNull(projector, "projector");
    this.cards = new StoredCards(engine, projector);
    this.thread = Objects.requireNonNull(thread, "thread");
    this.links = Objects.requireNonNull(links, "links");
  }

  @Override
  public void onEvent(RunEvent event) {
    try {
      thread.execute(() -> handleSafely(event));
    } catch (RejectedExecutionException stopped) {
      log.warn(
          "Run {}: {} not shown in Slack; Shipmate is stopping", event.run().id(), event.type());
    }
  }

  /**
   * Takes over the cards of the runs still active, as posted by an earlier process, and posts a
   * card for those that never got one. Call before the engine starts, so recovery's events find
   * them.
   */
  public void adoptActive() {
    for (Run run : engine.active()) {
      thread.execute(() -> show(run));
    }
  }

  private void handleSafely(RunEvent event) {
    try {
      handle(event);
    } catch (RuntimeException e) {
      log.error("Run {}: {} could not be shown in Slack", event.run().id(), event.type(), e);
    }
  }

  private void handle(RunEvent event) {
    Run run = engine.run(event.run().id()).orElse(event.run());
    if (!(event instanceof RunEvent.RunRequested) && awaitingCard(run)) {
      awaitCard(run.id(), CARD_WAIT_TRIES);
      return;
    }
    show(run);
    String runId = run.id().value();
    if (!publisher.knows(runId)) {
      return;
    }
    for (ThreadNote note : projector.notes(event)) {
      publisher.note(runId, note);
    }
    if (event instanceof RunEvent.RunFinished) {
      forgetLater(runId, FORGET_TRIES);
    }
  }

  /** A run another replica created, whose card that replica has not posted (yet). */
  private boolean awaitingCard(Run run) {
    return !publisher.knows(run.id().value())
        && run.replyTo().map(reply -> reply.thread().isEmpty()).orElse(false);
  }

  private void awaitCard(RunId id, int triesLeft) {
    try {
      thread.schedule(
          () -> {
            Run run = engine.run(id).orElse(null);
            if (run == null) {
              return;
            }
            if (awaitingCard(run) && triesLeft > 1) {
              awaitCard(id, triesLeft - 1);
            } else {
              show(run);
            }
          },
          CARD_WAIT.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // Stopping: the next start adopts the run's card.
    }
  }

  /** Posts, adopts or redraws the run's card, whichever it needs. */
  private void show(Run run) {
    String runId = run.id().value();
    if (publisher.knows(runId)) {
      publisher.update(cardOf(run));
      return;
    }
    Optional<ReplyAddress> reply = run.replyTo();
    if (reply.isEmpty()) {
      log.debug("Run {} has no reply address; nothing to show in Slack", runId);
      return;
    }
    if (reply.get().thread().isPresent()) {
      publisher.adopt(runId, new CardAddress(reply.get().channel(), reply.get().thread().get()));
      publisher.update(cardOf(run));
      return;
    }
    publisher
        .post(reply.get().channel(), cardOf(run))
        .thenAccept(
            card -> {
              links.posted(runId, card);
              engine.updateReplyAddress(
                  run.id(), new ReplyAddress(card.channel(), Optional.of(card.ts())));
            })
        .exceptionally(
            failed -> {
              Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
              if (cause instanceof CardNotPostedException notPosted) {
                // The publisher has logged why; the run goes on without a card, and its
                // requester is told.
                links.notPosted(runId, notPosted);
              } else {
                log.error("Run {}: its card's address could not be stored", runId, cause);
              }
              return null;
            });
  }

  private RunCard cardOf(Run run) {
    return cards.card(run);
  }

  private void forgetLater(String runId, int triesLeft) {
    try {
      thread.schedule(
          () -> {
            if (!publisher.forget(runId) && triesLeft > 1) {
              forgetLater(runId, triesLeft - 1);
            }
          },
          FORGET_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // Stopping: the memory goes with the process.
    }
  }

  /**
   * Stops taking events and hands those already queued to the publisher, for a few seconds at most;
   * what is left then is redrawn after the next start.
   */
  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
      thread.shutdownNow();
    }
  }
}
