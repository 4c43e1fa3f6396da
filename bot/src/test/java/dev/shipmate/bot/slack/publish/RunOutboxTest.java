package dev.shipmate.bot.slack.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.RunCardFixtures;
import dev.shipmate.bot.presenter.RunState;
import dev.shipmate.bot.presenter.ThreadNote;
import dev.shipmate.bot.slack.publish.RunOutbox.Idle;
import dev.shipmate.bot.slack.publish.RunOutbox.PostCard;
import dev.shipmate.bot.slack.publish.RunOutbox.PostNote;
import dev.shipmate.bot.slack.publish.RunOutbox.Send;
import dev.shipmate.bot.slack.publish.RunOutbox.UpdateCard;
import dev.shipmate.bot.slack.publish.RunOutbox.Verdict;
import dev.shipmate.bot.slack.publish.RunOutbox.WakeAt;
import dev.shipmate.bot.slack.publish.RunOutbox.Work;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RunOutbox decides what a run sends to Slack next")
class RunOutboxTest {

  private static final Instant T0 = Instant.parse("2026-11-10T12:00:00Z");
  private static final CardAddress ADDRESS = new CardAddress("C0DEPLOYS", "1700000000.000100");
  private static final PublishPolicy POLICY =
      new PublishPolicy(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(8),
          3,
          Duration.ofMinutes(10));

  private final RunOutbox outbox = new RunOutbox(POLICY);

  @Test
  @DisplayName("the card is posted before anything else, as its newest snapshot")
  void postFirst() {
    // Given a post asked for, then a newer snapshot and a note before it went
    outbox.post("C0DEPLOYS", card(RunState.PENDING));
    RunCard newer = card(RunState.RUNNING);
    outbox.offer(newer);
    outbox.offer(ThreadNote.warning("slow registry"));

    // When / Then
    Work work = sent(outbox.next(T0));
    assertThat(work).isEqualTo(new PostCard("C0DEPLOYS", newer));
    assertThat(outbox.next(T0)).as("one call at a time").isInstanceOf(Idle.class);

    outbox.succeeded(work, T0, Optional.of(ADDRESS));
    assertThat(outbox.address()).contains(ADDRESS);
    assertThat(sent(outbox.next(T0))).isInstanceOf(PostNote.class);
  }

  @Test
  @DisplayName("snapshots that come faster than once a second coalesce into the newest one")
  void coalesces() {
    // Given a posted card
    posted();
    RunCard last = null;
    for (int i = 0; i < 20; i++) {
      last = card(RunState.RUNNING, i + "/20 updated");
      outbox.offer(last);
    }

    // When / Then: nothing before a second has passed, then only the newest
    assertThat(outbox.next(T0.plusMillis(300))).isEqualTo(new WakeAt(T0.plusSeconds(1)));
    Work update = sent(outbox.next(T0.plusSeconds(1)));
    assertThat(update).isEqualTo(new UpdateCard(ADDRESS, last));
    outbox.succeeded(update, T0.plusSeconds(1), Optional.empty());
    assertThat(outbox.next(T0.plusSeconds(5))).isInstanceOf(Idle.class);
    assertThat(outbox.settled()).isTrue();
  }

  @Test
  @DisplayName("a snapshot that arrives while an older one is on its way is sent next")
  void newerWhileInFlight() {
    // Given an update under way
    posted();
    outbox.offer(card(RunState.RUNNING));
    Work first = sent(outbox.next(T0.plusSeconds(1)));
    RunCard finalCard = card(RunState.SUCCEEDED);
    outbox.offer(finalCard);

    // When the older one succeeds
    outbox.succeeded(first, T0.plusSeconds(1), Optional.empty());

    // Then the final one goes a second later
    assertThat(outbox.next(T0.plusMillis(1500))).isEqualTo(new WakeAt(T0.plusSeconds(2)));
    assertThat(sent(outbox.next(T0.plusSeconds(2)))).isEqualTo(new UpdateCard(ADDRESS, finalCard));
  }

  @Test
  @DisplayName("a 429 holds everything until Retry-After, then the newest snapshot goes")
  void rateLimited() {
    // Given
    posted();
    outbox.offer(card(RunState.RUNNING));
    Work limited = sent(outbox.next(T0.plusSeconds(1)));

    // When
    Verdict verdict = outbox.rateLimited(limited, T0.plusSeconds(1), Duration.ofSeconds(5));
    RunCard finalCard = card(RunState.ROLLED_BACK);
    outbox.offer(finalCard);
    outbox.offer(ThreadNote.warning("rolled back"));

    // Then
    assertThat(verdict).isEqualTo(Verdict.RETRY);
    assertThat(outbox.next(T0.plusSeconds(3))).isEqualTo(new WakeAt(T0.plusSeconds(6)));
    assertThat(sent(outbox.next(T0.plusSeconds(6)))).isEqualTo(new UpdateCard(ADDRESS, finalCard));
  }

  @Test
  @DisplayName("server errors back off, doubling; an ordinary update is given up after 3 tries")
  void backoffThenGiveUp() {
    // Given
    posted();
    outbox.offer(card(RunState.RUNNING));
    Instant now = T0.plusSeconds(1);

    // When / Then
    assertThat(outbox.failed(sent(outbox.next(now)), now)).isEqualTo(Verdict.RETRY);
    assertThat(outbox.next(now)).isEqualTo(new WakeAt(now.plusSeconds(1)));
    now = now.plusSeconds(1);
    assertThat(outbox.failed(sent(outbox.next(now)), now)).isEqualTo(Verdict.RETRY);
    assertThat(outbox.next(now)).isEqualTo(new WakeAt(now.plusSeconds(2)));
    now = now.plusSeconds(2);
    assertThat(outbox.failed(sent(outbox.next(now)), now)).isEqualTo(Verdict.GIVEN_UP);
    assertThat(outbox.settled()).isTrue();
  }

  @Test
  @DisplayName("a final card is retried past the try limit, until the deadline")
  void finalCardMustArrive() {
    // Given
    posted();
    outbox.offer(card(RunState.FAILED));
    Instant start = T0.plusSeconds(1);
    Instant now = start;

    // When it keeps failing for almost ten minutes, it is still retried
    while (now.isBefore(start.plus(POLICY.mustArriveDeadline()))) {
      Work work = sent(outbox.next(now));
      assertThat(outbox.failed(work, now)).isEqualTo(Verdict.RETRY);
      now = ((WakeAt) outbox.next(now)).at();
    }

    // Then past the deadline it is given up
    assertThat(outbox.failed(sent(outbox.next(now)), now)).isEqualTo(Verdict.GIVEN_UP);
  }

  @Test
  @DisplayName("notes go in the order they came")
  void notesInOrder() {
    // Given
    posted();
    ThreadNote first = ThreadNote.warning("first");
    ThreadNote second = ThreadNote.warning("second");
    outbox.offer(first);
    outbox.offer(second);

    // When / Then, with a failure of the first in between
    Work one = sent(outbox.next(T0));
    assertThat(one).isEqualTo(new PostNote(ADDRESS, first));
    outbox.failed(one, T0);
    Work again = sent(outbox.next(T0.plusSeconds(1)));
    assertThat(again).isEqualTo(new PostNote(ADDRESS, first));
    outbox.succeeded(again, T0.plusSeconds(1), Optional.empty());
    assertThat(sent(outbox.next(T0.plusSeconds(1)))).isEqualTo(new PostNote(ADDRESS, second));
  }

  @Test
  @DisplayName("a refused post leaves the run with nothing to send")
  void refusedPost() {
    outbox.post("C0NOWHERE", card(RunState.PENDING));
    outbox.refused(sent(outbox.next(T0)));
    outbox.offer(ThreadNote.warning("never sent"));

    assertThat(outbox.next(T0.plusSeconds(5))).isInstanceOf(Idle.class);
    assertThat(outbox.address()).isEmpty();
  }

  @Test
  @DisplayName(
      "with the budget shared among many cards, in-progress changes wait the stretched interval"
          + " and a final state only the policy's second; an update that waited sends the newest")
  void stretchedProgressButNotTheEnd() {
    // Given a posted card and an interval stretched to 30 s by the cards sharing the budget
    posted();
    Duration stretched = Duration.ofSeconds(30);
    outbox.offer(card(RunState.RUNNING, "1/10 updated"));

    // When / Then: the in-progress snapshot waits 30 s after the post
    assertThat(outbox.next(T0.plusSeconds(2), stretched)).isEqualTo(new WakeAt(T0.plusSeconds(30)));
    assertThat(outbox.live()).isTrue();

    // And a final state goes after the policy's second, stretched or not
    RunCard last = card(RunState.SUCCEEDED);
    outbox.offer(last);
    assertThat(outbox.live()).isFalse();
    Work update = sent(outbox.next(T0.plusSeconds(2), stretched));
    assertThat(update).isEqualTo(new UpdateCard(ADDRESS, last));
  }

  @Test
  @DisplayName("an update that waited for its turn sends the card as it is by then")
  void freshestWhenItsTurnComes() {
    posted();
    outbox.offer(card(RunState.RUNNING, "1/10 updated"));
    Work waiting = sent(outbox.next(T0.plusSeconds(1)));
    RunCard newer = card(RunState.RUNNING, "7/10 updated");
    outbox.offer(newer);

    Work going = outbox.freshest(waiting);

    assertThat(going).isEqualTo(new UpdateCard(ADDRESS, newer));
    outbox.succeeded(going, T0.plusSeconds(2), Optional.empty());
    assertThat(outbox.settled()).isTrue();
  }

  private void posted() {
    outbox.post("C0DEPLOYS", card(RunState.PENDING));
    outbox.succeeded(sent(outbox.next(T0)), T0, Optional.of(ADDRESS));
  }

  private static Work sent(RunOutbox.Next next) {
    assertThat(next).isInstanceOf(Send.class);
    return ((Send) next).work();
  }

  private static RunCard card(RunState state) {
    return card(state, "");
  }

  private static RunCard card(RunState state, String progress) {
    return RunCardFixtures.deploy().state(state).progress(progress).build();
  }
}
