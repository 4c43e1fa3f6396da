package dev.shipmate.bot.slack.publish;

import com.slack.api.Slack;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.ThreadNote;
import dev.shipmate.bot.slack.budget.SlackRateBudget;
import dev.shipmate.bot.slack.budget.SlackTiers;
import dev.shipmate.bot.slack.budget.Ticket;
import dev.shipmate.bot.slack.budget.Urgency;
import dev.shipmate.bot.slack.publish.RunOutbox.Next;
import dev.shipmate.bot.slack.publish.RunOutbox.PostCard;
import dev.shipmate.bot.slack.publish.RunOutbox.PostNote;
import dev.shipmate.bot.slack.publish.RunOutbox.Send;
import dev.shipmate.bot.slack.publish.RunOutbox.UpdateCard;
import dev.shipmate.bot.slack.publish.RunOutbox.Verdict;
import dev.shipmate.bot.slack.publish.RunOutbox.WakeAt;
import dev.shipmate.bot.slack.publish.RunOutbox.Work;
import dev.shipmate.bot.slack.publish.SlackCallException.Kind;
import dev.shipmate.bot.slack.render.RenderedNote;
import dev.shipmate.bot.slack.render.SlackRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each run's card in Slack current: posts it once, then updates it with the newest snapshot
 * (coalesced, at most one {@code chat.update} per second per run), and posts the run's notes in its
 * thread, in order. Rate limits, server errors and network failures are waited out on the injected
 * scheduler; no method blocks its caller. See {@link RunOutbox} for the rules.
 *
 * <p>Every call waits for its turn in the process's {@link SlackRateBudget} without holding a
 * thread: a card's post, its final state and the notes that must arrive go first, in-progress
 * updates last; and each card's in-progress updates are spaced out further the more cards are live
 * ({@link SlackRateBudget#fairInterval}), so that together they stay within {@code chat.update}'s
 * tier. A call that waited sends the card as it is by then.
 */
public final class CardPublisher {

  private static final Logger log = LoggerFactory.getLogger(CardPublisher.class);

  private static final String UPDATE = "chat.update";

  /** How soon to look again when another replica is changing a card. */
  private static final Duration HELD_ELSEWHERE = Duration.ofMillis(250);

  private final SlackChatGateway slack;
  private final SlackRenderer renderer;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final PublishPolicy policy;
  private final SlackRateBudget budget;
  private final CardSource cards;
  private final ConcurrentMap<String, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * @param slack the Slack client (its {@code SlackConfig} names the Web API's base URL)
   * @param botToken the bot token ({@code xoxb-…})
   * @param scheduler runs the Slack calls and the waits between them
   * @param clock what time it is, for coalescing, backoff and elapsed times
   * @param budget the process's one rate budget, which {@code slack}'s client also goes through
   * @param cards where the card's truth is kept across replicas: each update is sent holding the
   *     card, as the stored run shows it then
   */
  public CardPublisher(
      Slack slack,
      String botToken,
      SlackRenderer renderer,
      ScheduledExecutorService scheduler,
      Clock clock,
      PublishPolicy policy,
      SlackRateBudget budget,
      CardSource cards) {
    this.slack = new SlackChatGateway(slack, botToken);
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.cards = Objects.requireNonNull(cards, "cards");
  }

  /**
   * A publisher with a rate budget of its own, on Slack's documented tiers, alone with its cards
   * (tests).
   */
  public CardPublisher(
      Slack slack,
      String botToken,
      SlackRenderer renderer,
      ScheduledExecutorService scheduler,
      Clock clock,
      PublishPolicy policy) {
    this(
        slack,
        botToken,
        renderer,
        scheduler,
        clock,
        policy,
        new SlackRateBudget(SlackTiers.documented(), clock, scheduler),
        CardSource.ALONE);
  }

  /**
   * Posts a run's card to {@code channel}. The answer is where the card is: store it as the run's
   * reply address. It fails with {@link CardNotPostedException} when Slack refuses the post, or it
   * cannot be made before {@link PublishPolicy#mustArriveDeadline()}.
   *
   * @throws IllegalStateException when this run already has a card
   */
  public CompletableFuture<CardAddress> post(String channel, RunCard card) {
    Lane lane =
        lanes.computeIfAbsent(card.runId(), runId -> new Lane(runId, new RunOutbox(policy)));
    synchronized (lane) {
      lane.outbox.post(channel, card);
    }
    pump(lane);
    return lane.posted.copy();
  }

  /** The run's card was posted before (by an earlier process): keep it current from now on. */
  public void adopt(String runId, CardAddress address) {
    Lane lane = lanes.computeIfAbsent(runId, id -> new Lane(id, new RunOutbox(policy)));
    synchronized (lane) {
      lane.outbox.adopt(address);
    }
    lane.posted.complete(address);
    pump(lane);
  }

  /**
   * The card's newest state. It replaces any snapshot not yet sent; the last one given is the last
   * one sent.
   *
   * @throws IllegalStateException when the run's card was neither posted nor adopted
   */
  public void update(RunCard card) {
    Lane lane = laneOf(card.runId());
    Ticket waiting;
    synchronized (lane) {
      lane.outbox.offer(card);
      waiting = lane.ticket;
    }
    if (waiting != null && card.state().terminal()) {
      // An in-progress update waiting for its turn will carry this final state: it goes first now.
      budget.raise(waiting, Urgency.MUST_ARRIVE);
    }
    pump(lane);
  }

  /**
   * A reply in the run's thread, after those given before it.
   *
   * @throws IllegalStateException when the run's card was neither posted nor adopted
   */
  public void note(String runId, ThreadNote note) {
    Lane lane = laneOf(runId);
    synchronized (lane) {
      lane.outbox.offer(note);
    }
    pump(lane);
  }

  /**
   * Whether this publisher has the run's card: it posted or adopted it, and has not forgotten it.
   */
  public boolean knows(String runId) {
    return lanes.containsKey(runId);
  }

  /**
   * Forgets a run whose card and notes have all gone, to free its memory once it has ended.
   *
   * @return whether the run was forgotten; not while something is still to be sent
   */
  public boolean forget(String runId) {
    Lane lane = lanes.get(runId);
    if (lane == null) {
      return true;
    }
    synchronized (lane) {
      return lane.outbox.settled() && lanes.remove(runId, lane);
    }
  }

  private Lane laneOf(String runId) {
    Lane lane = lanes.get(runId);
    if (lane == null) {
      throw new IllegalStateException(
          "run " + runId + " has no card: post one, or adopt the one an earlier process posted");
    }
    return lane;
  }

  /**
   * Starts whatever the run can send now, once the rate budget gives it a turn, or arranges to look
   * again when it can.
   */
  private void pump(Lane lane) {
    Work work;
    Ticket ticket;
    synchronized (lane) {
      // Every change of the outbox is followed by a pump: here is where the lane's liveness, which
      // spaces out the other cards' updates, is brought up to date.
      lane.live = lane.outbox.live();
      Instant now = clock.instant();
      Next next = lane.outbox.next(now, progressInterval());
      if (next instanceof WakeAt wake) {
        Instant at = wake.at();
        if (!at.equals(lane.wakeAt)) {
          lane.wakeAt = at;
          schedule(lane, () -> wake(lane, at), Duration.between(now, at).toNanos());
        }
        return;
      }
      if (!(next instanceof Send send)) {
        return;
      }
      lane.wakeAt = null;
      work = send.work();
      ticket = budget.request(method(work), channel(work), urgency(work));
      lane.ticket = ticket;
    }
    ticket
        .granted()
        .thenRun(
            () ->
                schedule(
                    lane,
                    () -> {
                      synchronized (lane) {
                        lane.ticket = null;
                      }
                      perform(lane, work);
                    },
                    0));
  }

  /**
   * How long a live card waits between two in-progress changes: {@code chat.update}'s allowance
   * shared out among the live cards, never less than the policy's interval.
   */
  private Duration progressInterval() {
    int live = 0;
    for (Lane lane : lanes.values()) {
      if (lane.live) {
        live++;
      }
    }
    return budget.fairInterval(UPDATE, live, policy.minUpdateInterval());
  }

  private static String method(Work work) {
    return work instanceof UpdateCard ? UPDATE : SlackTiers.POST_MESSAGE;
  }

  private static String channel(Work work) {
    if (work instanceof PostCard post) {
      return post.channel();
    }
    if (work instanceof UpdateCard update) {
      return update.address().channel();
    }
    return ((PostNote) work).address().channel();
  }

  private static Urgency urgency(Work work) {
    if (work.mustArrive()) {
      return Urgency.MUST_ARRIVE;
    }
    return work instanceof UpdateCard ? Urgency.PROGRESS : Urgency.ORDINARY;
  }

  private void wake(Lane lane, Instant at) {
    synchronized (lane) {
      // Cleared first: a wake that came a little early must be able to ask for the same time again.
      if (at.equals(lane.wakeAt)) {
        lane.wakeAt = null;
      }
    }
    pump(lane);
  }

  private void schedule(Lane lane, Runnable task, long delayNanos) {
    try {
      scheduler.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.error(
          "Run {}: the publisher's scheduler is shut down; its card is no longer kept current",
          lane.runId);
    }
  }

  private void perform(Lane lane, Work granted) {
    try {
      if (!(granted instanceof UpdateCard)) {
        performHeld(lane, granted);
        return;
      }
      boolean held;
      try {
        held = cards.hold(lane.runId);
      } catch (RuntimeException e) {
        failed(
            lane,
            granted,
            new SlackCallException(SlackCallException.Kind.TRANSIENT, e.toString(), null, e));
        return;
      }
      if (!held) {
        // Another replica is changing this card now; it sends the stored state, and so will we.
        synchronized (lane) {
          lane.outbox.busy(granted, clock.instant(), HELD_ELSEWHERE);
        }
        return;
      }
      try {
        performHeld(lane, granted);
      } finally {
        // Let go before the lane's next call, which takes the card again.
        release(lane.runId);
      }
    } finally {
      pump(lane);
    }
  }

  private void release(String runId) {
    try {
      cards.release(runId);
    } catch (RuntimeException e) {
      log.warn("Run {}: could not let go of its card (its lease runs out by itself)", runId, e);
    }
  }

  /** Makes the call (holding the card, for an update); the caller pumps the lane afterwards. */
  private void performHeld(Lane lane, Work granted) {
    Optional<RunCard> stored = Optional.empty();
    if (granted instanceof UpdateCard) {
      try {
        stored = cards.current(lane.runId);
      } catch (RuntimeException e) {
        log.warn(
            "Run {}: could not read its card from the store; sending the newest known",
            lane.runId,
            e);
      }
    }
    Work work;
    synchronized (lane) {
      work = lane.outbox.freshest(granted, stored);
    }
    Optional<CardAddress> posted;
    try {
      posted = budget.spend(method(work), () -> send(work));
    } catch (SlackCallException e) {
      failed(lane, work, e);
      return;
    } catch (RuntimeException e) {
      // An SDK surprise is treated as a failure worth retrying, so that the run's lane goes on.
      failed(
          lane,
          work,
          new SlackCallException(SlackCallException.Kind.TRANSIENT, e.toString(), null, e));
      return;
    }
    synchronized (lane) {
      lane.outbox.succeeded(work, clock.instant(), posted);
    }
    posted.ifPresent(lane.posted::complete);
  }

  private Optional<CardAddress> send(Work work) throws SlackCallException {
    if (work instanceof PostCard post) {
      return Optional.of(slack.postMessage(post.channel(), null, renderer.render(post.card())));
    }
    if (work instanceof UpdateCard update) {
      slack.update(update.address(), renderer.render(update.card()));
      return Optional.empty();
    }
    PostNote note = (PostNote) work;
    RenderedNote rendered = renderer.render(note.note());
    try {
      postJoining(note, rendered);
    } catch (SlackCallException refused) {
      if (!(rendered instanceof RenderedNote.AsFile) || refused.kind() != Kind.PERMANENT) {
        throw refused;
      }
      // Files can be switched off in a workspace, and a private channel cannot be joined: what
      // fits in a message is better than a note that never arrives.
      log.warn(
          "Run {}: the file of a note was refused ({}); posting the note shortened instead",
          note.note().runId(),
          refused.getMessage());
      postJoining(note, renderer.shortened(note.note(), refused.getMessage()));
    }
    return Optional.empty();
  }

  /** Posts the note, joining the card's public channel first when Slack asks for that. */
  private void postJoining(PostNote note, RenderedNote rendered) throws SlackCallException {
    try {
      postNote(note, rendered);
    } catch (SlackCallException e) {
      if (!e.refusedWith("not_in_channel")) {
        throw e;
      }
      // The card reached a public channel the bot is not in (chat:write.public), or someone
      // removed the bot since: its thread needs the bot there. A private channel answers
      // channel_not_found instead and cannot be joined.
      log.info(
          "joining {} to post in the thread of card {}",
          note.address().channel(),
          note.address().ts());
      slack.join(note.address().channel());
      postNote(note, rendered);
    }
  }

  private void postNote(PostNote note, RenderedNote rendered) throws SlackCallException {
    if (rendered instanceof RenderedNote.InMessage message) {
      slack.postMessage(
          note.address().channel(), note.address().ts(), message.message(), message.broadcast());
    } else {
      slack.uploadToThread(note.address(), (RenderedNote.AsFile) rendered);
    }
  }

  private void failed(Lane lane, Work work, SlackCallException e) {
    Verdict verdict;
    synchronized (lane) {
      Instant now = clock.instant();
      verdict =
          switch (e.kind()) {
            case RATE_LIMITED -> {
              Duration retryAfter = e.retryAfter().orElse(Duration.ofSeconds(1));
              // The method is paused for every sender; the interceptor leaves that to us.
              budget.rateLimited(method(work), channel(work), retryAfter);
              yield lane.outbox.rateLimited(work, now, retryAfter);
            }
            case TRANSIENT -> lane.outbox.failed(work, now);
            case PERMANENT -> {
              lane.outbox.refused(work);
              yield Verdict.GIVEN_UP;
            }
          };
    }
    if (verdict == Verdict.RETRY) {
      log.info("Run {}: {}; will try again", lane.runId, e.getMessage());
      return;
    }
    if (work instanceof PostCard post) {
      log.error(
          "Run {}: its card could not be posted to {}, so nothing about the run will reach Slack:"
              + " {}",
          lane.runId,
          post.channel(),
          e.getMessage(),
          e);
      lane.posted.completeExceptionally(
          new CardNotPostedException(
              "The run card for "
                  + lane.runId
                  + " could not be posted to channel "
                  + post.channel()
                  + ": "
                  + e.getMessage()
                  + ". Check that the channel exists and that Shipmate is in it (/invite @Shipmate).",
              e));
    } else if (work.mustArrive()) {
      log.error(
          "Run {}: LOST {} after retrying until the deadline: {}",
          lane.runId,
          describe(work),
          e.getMessage(),
          e);
    } else {
      log.warn("Run {}: gave up {}: {}", lane.runId, describe(work), e.getMessage());
    }
  }

  private static String describe(Work work) {
    if (work instanceof UpdateCard update) {
      return "the card update to '" + update.card().state().words() + "'";
    }
    if (work instanceof PostNote note) {
      return "the thread note '" + note.note().text() + "'";
    }
    return "the card post";
  }

  /** One run's outbox, and when it has asked to be looked at again. */
  private static final class Lane {
    final String runId;
    final RunOutbox outbox;
    final CompletableFuture<CardAddress> posted = new CompletableFuture<>();
    Instant wakeAt;

    /** The call waiting for its turn in the budget, if any. */
    Ticket ticket;

    /** Whether the card still changes (counted when the budget is shared out). */
    volatile boolean live;

    Lane(String runId, RunOutbox outbox) {
      this.runId = runId;
      this.outbox = outbox;
    }
  }
}
