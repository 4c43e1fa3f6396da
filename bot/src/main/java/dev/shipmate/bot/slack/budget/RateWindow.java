package dev.shipmate.bot.slack.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One method's budget (one channel's, for {@code chat.postMessage}): at most {@code allowance}
 * calls in any {@code minute}, a pause while Slack's {@code Retry-After} runs, and the calls
 * waiting for their turn, most urgent first. Pure: the caller says what time it is; not thread-safe
 * (the budget guards it).
 */
final class RateWindow {

  private static final Comparator<Ticket> TURN =
      Comparator.comparing((Ticket ticket) -> ticket.urgency()).thenComparingLong(Ticket::sequence);

  private final int allowance;
  private final Duration minute;
  private final Deque<Instant> spent = new ArrayDeque<>();
  private final List<Ticket> waiting = new ArrayList<>();
  private Instant pausedUntil = Instant.MIN;

  RateWindow(int allowance, Duration minute) {
    this.allowance = allowance;
    this.minute = minute;
  }

  void enqueue(Ticket ticket) {
    waiting.add(ticket);
  }

  boolean withdraw(Ticket ticket) {
    return waiting.remove(ticket);
  }

  /** Slack answered 429: no call goes before {@code until}, whoever makes it. */
  void pause(Instant until) {
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
  }

  /** The tickets whose turn it is now, most urgent first; each spends a call of the minute. */
  List<Ticket> grant(Instant now) {
    forgetBefore(now);
    List<Ticket> granted = new ArrayList<>();
    waiting.sort(TURN);
    while (!waiting.isEmpty() && !now.isBefore(pausedUntil) && spent.size() < allowance) {
      granted.add(waiting.remove(0));
      spent.addLast(now);
    }
    return granted;
  }

  /** When the next waiting ticket may go, if any waits: when the pause ends or a call ages out. */
  Optional<Instant> nextTurn(Instant now) {
    if (waiting.isEmpty()) {
      return Optional.empty();
    }
    forgetBefore(now);
    Instant at = now.isBefore(pausedUntil) ? pausedUntil : now;
    if (spent.size() >= allowance) {
      Instant agedOut = spent.peekFirst().plus(minute);
      at = agedOut.isAfter(at) ? agedOut : at;
    }
    return Optional.of(at);
  }

  /** Calls spent in the minute before {@code now}. */
  int spent(Instant now) {
    forgetBefore(now);
    return spent.size();
  }

  boolean pausedAt(Instant now) {
    return now.isBefore(pausedUntil);
  }

  private void forgetBefore(Instant now) {
    while (!spent.isEmpty() && !spent.peekFirst().plus(minute).isAfter(now)) {
      spent.pollFirst();
    }
  }
}
