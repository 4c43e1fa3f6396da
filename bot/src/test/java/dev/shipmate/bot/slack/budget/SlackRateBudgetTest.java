package dev.shipmate.bot.slack.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rate budget on a manual clock: its timer's wake-ups lie in the clock's future, so the test
 * moves the clock and asks the budget to look again ({@code tick}).
 */
@DisplayName("SlackRateBudget shares Slack's rate limits among every sender")
class SlackRateBudgetTest {

  private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

  private final ManualClock clock = new ManualClock(START);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final SlackRateBudget budget = new SlackRateBudget(SlackTiers.documented(), clock, timer);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  @DisplayName("chat.update (Tier 3, 50 a minute) goes 45 times in a minute, the 46th a minute on")
  void withinTheTier() {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 46; i++) {
      tickets.add(budget.request("chat.update", null, Urgency.PROGRESS));
      clock.advance(Duration.ofMillis(100));
    }

    assertThat(granted(tickets)).isEqualTo(45);
    assertThat(budget.spent("chat.update", null)).isEqualTo(45);

    // When the first call leaves the minute, the 46th goes
    clock.set(Instant.parse("2026-12-07T12:01:00Z"));
    budget.tick();
    assertThat(granted(tickets)).isEqualTo(46);
  }

  @Test
  @DisplayName(
      "waiting calls go most urgent first: a final state before a note before in-progress"
          + " updates, first come first served within each")
  void finalStatesFirst() {
    spendTheMinute("chat.update", null);
    Ticket progress1 = budget.request("chat.update", null, Urgency.PROGRESS);
    Ticket progress2 = budget.request("chat.update", null, Urgency.PROGRESS);
    Ticket ordinary = budget.request("chat.update", null, Urgency.ORDINARY);
    Ticket last = budget.request("chat.update", null, Urgency.MUST_ARRIVE);

    // When one call leaves the minute at a time
    List<Ticket> order = new ArrayList<>();
    List<Ticket> waiting = new ArrayList<>(List.of(progress1, progress2, ordinary, last));
    clock.set(START.plusSeconds(59));
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(1));
      budget.tick();
      for (Ticket ticket : List.copyOf(waiting)) {
        if (ticket.granted().isDone()) {
          order.add(ticket);
          waiting.remove(ticket);
        }
      }
    }

    assertThat(order).containsExactly(last, ordinary, progress1, progress2);
  }

  @Test
  @DisplayName("an in-progress update that now carries a final state is raised ahead of the rest")
  void raised() {
    spendTheMinute("chat.update", null);
    Ticket other = budget.request("chat.update", null, Urgency.PROGRESS);
    Ticket ending = budget.request("chat.update", null, Urgency.PROGRESS);

    budget.raise(ending, Urgency.MUST_ARRIVE);
    clock.set(START.plusSeconds(60));
    budget.tick();

    assertThat(ending.granted()).isDone();
    assertThat(other.granted()).isNotDone();
  }

  @Test
  @DisplayName("a 429 pauses the method for every sender until Retry-After has passed")
  void retryAfterPausesTheMethod() {
    budget.rateLimited("chat.update", null, Duration.ofSeconds(5));

    Ticket publisher = budget.request("chat.update", null, Urgency.MUST_ARRIVE);
    Ticket other = budget.request("chat.update", null, Urgency.ORDINARY);
    Ticket home = budget.request("views.publish", null, Urgency.ORDINARY);
    assertThat(publisher.granted()).isNotDone();
    assertThat(other.granted()).isNotDone();
    assertThat(home.granted()).as("another method is not paused").isDone();

    clock.advance(Duration.ofSeconds(4));
    budget.tick();
    assertThat(publisher.granted()).isNotDone();

    clock.advance(Duration.ofSeconds(1));
    budget.tick();
    assertThat(publisher.granted()).isDone();
    assertThat(other.granted()).isDone();
  }

  @Test
  @DisplayName("chat.postMessage counts per channel: one busy channel holds no other back")
  void postMessagePerChannel() {
    spendTheMinute("chat.postMessage", "C0BUSY");

    assertThat(budget.request("chat.postMessage", "C0BUSY", Urgency.MUST_ARRIVE).granted())
        .isNotDone();
    assertThat(budget.request("chat.postMessage", "C0QUIET", Urgency.ORDINARY).granted()).isDone();
    budget.rateLimited("chat.postMessage", "C0QUIET", Duration.ofSeconds(3));
    assertThat(budget.request("chat.postMessage", "C0OTHER", Urgency.ORDINARY).granted()).isDone();
  }

  @Test
  @DisplayName(
      "each card's update interval stretches with the cards sharing chat.update: the minute"
          + " shared out, never less than the floor")
  void stretching() {
    Duration floor = Duration.ofSeconds(1);
    // 45 updates a minute for one card: 1.33 s apart; for 20 cards, 26.7 s apart each
    Duration one = Duration.ofSeconds(60).dividedBy(45);
    assertThat(one).isBetween(Duration.ofMillis(1333), Duration.ofMillis(1334));
    assertThat(budget.fairInterval("chat.update", 0, floor)).isEqualTo(one);
    assertThat(budget.fairInterval("chat.update", 1, floor)).isEqualTo(one);
    assertThat(budget.fairInterval("chat.update", 20, floor))
        .isEqualTo(Duration.ofSeconds(60).multipliedBy(20).dividedBy(45));
    assertThat(budget.fairInterval("chat.update", 1, Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("a blocking wait that runs out is not counted and leaves no ticket behind")
  void awaitRunsOut() throws Exception {
    spendTheMinute("usergroups.users.list", null);

    boolean went =
        budget.await("usergroups.users.list", null, Urgency.ORDINARY, Duration.ofMillis(50));

    assertThat(went).isFalse();
    assertThat(budget.spent("usergroups.users.list", null)).isEqualTo(18);
    clock.set(START.plusSeconds(60));
    assertThat(budget.await("usergroups.users.list", null, Urgency.ORDINARY, Duration.ZERO))
        .isTrue();
  }

  /** Spends the method's allowance from the start on, a call a second: one leaves each second. */
  private void spendTheMinute(String method, String channel) {
    int allowance = budget.tiers().allowance(method);
    for (int i = 0; i < allowance; i++) {
      assertThat(budget.request(method, channel, Urgency.ORDINARY).granted()).isDone();
      clock.advance(Duration.ofSeconds(1));
    }
  }

  private static int granted(List<Ticket> tickets) {
    return (int) tickets.stream().filter(t -> t.granted().isDone()).count();
  }
}
