package dev.shipmate.bot.slack.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rate budget of this process for Slack's Web API, shared by every sender (the card
 * publisher, thread notes, private replies, App Home, drift reports, preview notices): per method,
 * and per channel for {@code chat.postMessage}, at most {@link SlackTiers#allowance} calls in any
 * minute. A call asks for its turn ({@link #request}, or {@link #await} on a thread that may
 * block); waiting calls go most urgent first ({@link Urgency}), so a card's final state never waits
 * behind in-progress updates. A 429 ({@link #rateLimited}) pauses the method for every sender until
 * Slack's {@code Retry-After} has passed. Time comes from the injected clock; the waits run on the
 * injected scheduler.
 */
public final class SlackRateBudget {

  private static final Logger log = LoggerFactory.getLogger(SlackRateBudget.class);

  private final SlackTiers tiers;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<Key, RateWindow> windows = new HashMap<>();
  private final Map<Key, Instant> wakeUps = new HashMap<>();
  private final ThreadLocal<String> paidFor = new ThreadLocal<>();
  private long sequence;

  private record Key(String method, String channel) {}

  public SlackRateBudget(SlackTiers tiers, Clock clock, ScheduledExecutorService timer) {
    this.tiers = Objects.requireNonNull(tiers, "tiers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  public SlackTiers tiers() {
    return tiers;
  }

  /**
   * A turn for one call of {@code method} ({@code channel} counts for {@code chat.postMessage}
   * only; may be null). Its {@link Ticket#granted()} completes when the call may go: at once when
   * the budget allows it, else on the budget's timer.
   */
  public Ticket request(String method, String channel, Urgency urgency) {
    Key key = key(method, channel);
    Ticket ticket;
    synchronized (this) {
      ticket = new Ticket(method, key.channel(), urgency, sequence++);
      window(key).enqueue(ticket);
    }
    turn(key);
    return ticket;
  }

  /**
   * Waits on this thread for a turn of {@code method}, at most {@code atMost}.
   *
   * @return whether the turn came; false when the wait ran out (the call was not counted)
   */
  public boolean await(String method, String channel, Urgency urgency, Duration atMost)
      throws InterruptedException {
    Ticket ticket = request(method, channel, urgency);
    try {
      ticket.granted().get(Math.max(1, atMost.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      withdraw(ticket);
      return ticket.granted().isDone();
    } catch (InterruptedException e) {
      withdraw(ticket);
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a ticket never fails", e);
    }
  }

  /** A waiting call became more urgent (an in-progress update now carries a final state). */
  public void raise(Ticket ticket, Urgency urgency) {
    if (urgency.compareTo(ticket.urgency()) >= 0) {
      return;
    }
    synchronized (this) {
      ticket.urgency(urgency);
    }
    turn(key(ticket.method(), ticket.channel()));
  }

  /** Slack answered {@code method} with 429: no call of it goes, from any sender, until then. */
  public void rateLimited(String method, String channel, Duration retryAfter) {
    Key key = key(method, channel);
    synchronized (this) {
      window(key).pause(clock.instant().plus(retryAfter));
    }
    log.info("Slack rate-limited {}: every sender waits {}", describe(key), retryAfter);
    turn(key);
  }

  /**
   * How long each of {@code sharers} cards should wait between two changes of {@code method}
   * ({@code chat.update}) so that together they stay within its allowance: the minute shared out,
   * never less than {@code floor}.
   */
  public Duration fairInterval(String method, int sharers, Duration floor) {
    Duration share = tiers.minute().multipliedBy(Math.max(1, sharers)).dividedBy(allowance(method));
    return share.compareTo(floor) > 0 ? share : floor;
  }

  /**
   * Runs {@code call} on this thread as the call a granted {@link Ticket} of {@code method} was
   * for: the budget's interceptor lets it through without asking again.
   */
  public <T, E extends Exception> T spend(String method, Call<T, E> call) throws E {
    String before = paidFor.get();
    paidFor.set(method);
    try {
      return call.run();
    } finally {
      if (before == null) {
        paidFor.remove();
      } else {
        paidFor.set(before);
      }
    }
  }

  /** A call that {@link #spend} runs. */
  public interface Call<T, E extends Exception> {
    T run() throws E;
  }

  /** Whether this thread runs a call of {@code method} whose turn it already has. */
  boolean paidFor(String method) {
    return method.equals(paidFor.get());
  }

  /** Calls of {@code method} counted in the minute before now (for tests and logs). */
  public synchronized int spent(String method, String channel) {
    return window(key(method, channel)).spent(clock.instant());
  }

  /** Whether Slack's last 429 for {@code method} still holds it (for tests and logs). */
  synchronized boolean paused(String method, String channel) {
    return window(key(method, channel)).pausedAt(clock.instant());
  }

  /** Looks at every method again: what the clock allows now goes (tests on a manual clock). */
  void tick() {
    List<Key> keys;
    synchronized (this) {
      keys = new ArrayList<>(windows.keySet());
    }
    keys.forEach(this::turn);
  }

  private int allowance(String method) {
    return tiers.allowance(method);
  }

  private void withdraw(Ticket ticket) {
    synchronized (this) {
      window(key(ticket.method(), ticket.channel())).withdraw(ticket);
    }
  }

  /** Grants what may go now, and arranges to look again when the next waiting call may. */
  private void turn(Key key) {
    List<Ticket> granted;
    Instant wakeAt = null;
    Instant now;
    synchronized (this) {
      now = clock.instant();
      RateWindow window = window(key);
      granted = window.grant(now);
      Instant next = window.nextTurn(now).orElse(null);
      if (next != null && next.isAfter(now) && !next.equals(wakeUps.get(key))) {
        Instant planned = wakeUps.get(key);
        // One wake-up per method at a time: the earliest one looks again and plans the next.
        if (planned == null || !planned.isAfter(now) || next.isBefore(planned)) {
          wakeUps.put(key, next);
          wakeAt = next;
        }
      }
    }
    granted.forEach(ticket -> ticket.granted().complete(null));
    if (wakeAt != null) {
      Instant at = wakeAt;
      try {
        timer.schedule(
            () -> wake(key, at),
            Math.max(0, Duration.between(now, at).toNanos()),
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopping) {
        log.debug("the budget's timer is shut down; {} waits no more", describe(key));
      }
    }
  }

  private void wake(Key key, Instant at) {
    synchronized (this) {
      if (at.equals(wakeUps.get(key))) {
        wakeUps.remove(key);
      }
    }
    turn(key);
  }

  private RateWindow window(Key key) {
    return windows.computeIfAbsent(key, k -> new RateWindow(allowance(k.method()), tiers.minute()));
  }

  private static Key key(String method, String channel) {
    Objects.requireNonNull(method, "method");
    return new Key(method, SlackTiers.perChannel(method) ? channel : null);
  }

  private static String describe(Key key) {
    return key.channel() == null ? key.method() : key.method() + " in " + key.channel();
  }
}
