package dev.shipmate.bot.slack.publish;

import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.ThreadNote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run still has to send to Slack, and what to send next. Pure: no threads, no clock, no
 * I/O; the caller says what time it is and how each call went, so tests drive it step by step.
 *
 * <p>The rules: the card is posted before anything else; one call at a time; card snapshots
 * coalesce (only the newest unsent one is kept, and the card changes at most once per {@link
 * PublishPolicy#minUpdateInterval()}, an in-progress one at most once per the interval the caller
 * says, stretched as more cards share the rate budget); notes go in the order they came; a 429
 * holds everything until Slack's {@code Retry-After} has passed; a failure backs off and retries, a
 * bounded number of times, except for what must arrive (the post, a final card, a failure cause, an
 * outcome), which is retried until {@link PublishPolicy#mustArriveDeadline()}.
 */
final class RunOutbox {

  /** One Slack call to make. */
  sealed interface Work {
    /** Whether giving this up would lose the card, its ending or why the run failed. */
    boolean mustArrive();
  }

  record PostCard(String channel, RunCard card) implements Work {
    @Override
    public boolean mustArrive() {
      return true;
    }
  }

  record UpdateCard(CardAddress address, RunCard card) implements Work {
    @Override
    public boolean mustArrive() {
      return card.state().terminal();
    }
  }

  record PostNote(CardAddress address, ThreadNote note) implements Work {
    @Override
    public boolean mustArrive() {
      return note.mustArrive();
    }
  }

  /** What to do now. */
  sealed interface Next {}

  record Send(Work work) implements Next {}

  /** Nothing can go before {@code at}; ask again then. */
  record WakeAt(Instant at) implements Next {}

  /** Nothing to send, or a call is already under way. */
  record Idle() implements Next {}

  /** What became of a failed call. */
  enum Verdict {
    RETRY,
    GIVEN_UP
  }

  private final PublishPolicy policy;
  private final Deque<ThreadNote> notes = new ArrayDeque<>();
  private String channel;
  private CardAddress address;
  private RunCard card;
  private Work inFlight;
  private Instant lastCardChange;
  private Instant notBefore;
  private int failures;
  private Instant firstTry;
  private boolean postGivenUp;
  private boolean ended;

  RunOutbox(PublishPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Post {@code first} to {@code channel}: the card's first version. */
  void post(String channel, RunCard first) {
    if (this.channel != null || address != null) {
      throw new IllegalStateException("run " + first.runId() + " already has a card");
    }
    this.channel = Objects.requireNonNull(channel, "channel");
    this.card = first;
    this.ended = first.state().terminal();
  }

  /** The card already exists (posted by an earlier process): updates and notes go to it. */
  void adopt(CardAddress existing) {
    if (address == null) {
      address = existing;
    }
  }

  /** Whether this run has, or will have, a card to update and a thread to write in. */
  boolean hasCard() {
    return channel != null || address != null;
  }

  /** A newer snapshot of the card: it replaces any that has not gone yet. */
  void offer(RunCard snapshot) {
    card = snapshot;
    ended = snapshot.state().terminal();
  }

  /** Whether the card still changes: posted or to be posted, and its run not over. */
  boolean live() {
    return hasCard() && !ended && !postGivenUp;
  }

  /**
   * The call under way, with the newest snapshot of the card if it is an update: a call that waited
   * for its turn in the rate budget sends what the card is now, not what it was.
   */
  Work freshest(Work work) {
    return freshest(work, Optional.empty());
  }

  /**
   * The same, with the card as the store has it now when there is one: it is at least as new as any
   * snapshot offered before, so it replaces them.
   */
  Work freshest(Work work, Optional<RunCard> stored) {
    if (work == inFlight && work instanceof UpdateCard) {
      stored.ifPresent(this::offer);
    }
    if (work == inFlight
        && work instanceof UpdateCard update
        && card != null
        && card != update.card()) {
      inFlight = new UpdateCard(update.address(), card);
    }
    return inFlight == null ? work : inFlight;
  }

  void offer(ThreadNote note) {
    notes.addLast(note);
  }

  Optional<CardAddress> address() {
    return Optional.ofNullable(address);
  }

  /** Whether nothing is left to send and nothing is under way. */
  boolean settled() {
    return inFlight == null && notes.isEmpty() && (card == null || postGivenUp);
  }

  /** What to send now, with in-progress snapshots no closer than the policy's interval. */
  Next next(Instant now) {
    return next(now, policy.minUpdateInterval());
  }

  /**
   * What to send now; a {@link Send} is under way until its outcome is reported.
   *
   * @param progressInterval the least time between two in-progress changes of the card (never less
   *     than the policy's); a final state waits only the policy's
   */
  Next next(Instant now, Duration progressInterval) {
    if (inFlight != null || postGivenUp) {
      return new Idle();
    }
    if (notBefore != null && now.isBefore(notBefore)) {
      return new WakeAt(notBefore);
    }
    if (address == null) {
      return channel != null && card != null ? send(new PostCard(channel, card), now) : new Idle();
    }
    Duration interval =
        card != null && card.state().terminal()
                || progressInterval.compareTo(policy.minUpdateInterval()) < 0
            ? policy.minUpdateInterval()
            : progressInterval;
    Instant cardMayChangeAt = lastCardChange == null ? now : lastCardChange.plus(interval);
    if (card != null && !now.isBefore(cardMayChangeAt)) {
      return send(new UpdateCard(address, card), now);
    }
    if (!notes.isEmpty()) {
      return send(new PostNote(address, notes.peekFirst()), now);
    }
    return card != null ? new WakeAt(cardMayChangeAt) : new Idle();
  }

  private Send send(Work work, Instant now) {
    inFlight = work;
    if (firstTry == null) {
      firstTry = now;
    }
    return new Send(work);
  }

  /**
   * The call went through.
   *
   * @param posted where the card is, when {@code work} was the post
   */
  void succeeded(Work work, Instant now, Optional<CardAddress> posted) {
    finish(work);
    if (work instanceof PostCard post) {
      address = posted.orElseThrow(() -> new IllegalArgumentException("a post has an address"));
      lastCardChange = now;
      forget(post.card());
    } else if (work instanceof UpdateCard update) {
      lastCardChange = now;
      forget(update.card());
    } else {
      notes.removeFirst();
    }
  }

  /** Slack said to wait: everything for this run waits, then the newest snapshot goes. */
  Verdict rateLimited(Work work, Instant now, Duration retryAfter) {
    inFlight = null;
    notBefore = now.plus(retryAfter);
    if (firstTry != null && now.isAfter(firstTry.plus(policy.mustArriveDeadline()))) {
      return giveUp(work);
    }
    return Verdict.RETRY;
  }

  /** Another replica is changing the card: try again after {@code wait}, counting no failure. */
  Verdict busy(Work work, Instant now, Duration wait) {
    return rateLimited(work, now, wait);
  }

  /** A server or network failure: back off and try again, within bounds. */
  Verdict failed(Work work, Instant now) {
    inFlight = null;
    failures++;
    boolean outOfTime =
        work.mustArrive()
            ? now.isAfter(firstTry.plus(policy.mustArriveDeadline()))
            : failures >= policy.maxAttempts();
    if (outOfTime) {
      return giveUp(work);
    }
    notBefore = now.plus(policy.backoff(failures));
    return Verdict.RETRY;
  }

  /** Slack refused the call: trying again would not help. */
  void refused(Work work) {
    giveUp(work);
  }

  private Verdict giveUp(Work work) {
    finish(work);
    if (work instanceof PostCard) {
      postGivenUp = true;
    } else if (work instanceof UpdateCard update) {
      forget(update.card());
    } else {
      notes.removeFirst();
    }
    return Verdict.GIVEN_UP;
  }

  private void finish(Work work) {
    if (inFlight != null && inFlight != work) {
      throw new IllegalStateException("another call is under way: " + inFlight);
    }
    inFlight = null;
    failures = 0;
    firstTry = null;
  }

  /** Drops the snapshot that went (or was given up), unless a newer one came meanwhile. */
  private void forget(RunCard sent) {
    if (card == sent) {
      card = null;
    }
  }
}
