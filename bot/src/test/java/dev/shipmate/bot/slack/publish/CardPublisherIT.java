package dev.shipmate.bot.slack.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.RunCardFixtures;
import dev.shipmate.bot.presenter.RunState;
import dev.shipmate.bot.presenter.StepStatus;
import dev.shipmate.bot.presenter.ThreadNote;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackFault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CardPublisher against a Slack Web API stand-in over HTTP")
class CardPublisherIT {

  private static final String CHANNEL = "C0DEPLOYS";

  /** Shorter waits than production's, so that the suite takes seconds; the rules are the same. */
  private static final PublishPolicy QUICK =
      new PublishPolicy(
          Duration.ofMillis(300),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          5,
          Duration.ofMinutes(1));

  private SimulatedSlack slackApi;
  private ScheduledExecutorService scheduler;
  private CardPublisher publisher;

  @BeforeEach
  void start() throws Exception {
    slackApi = SimulatedSlack.start(Clock.systemUTC());
    // Invited, as Shipmate is to the channels it reports in: thread notes need it.
    slackApi.addBotTo(CHANNEL);
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slackApi.apiUrl().toString());
    config.setStatsEnabled(false);
    scheduler = Executors.newSingleThreadScheduledExecutor();
    Clock clock = Clock.systemUTC();
    publisher =
        new CardPublisher(
            Slack.getInstance(config),
            slackApi.botToken(),
            new SlackRenderer(clock),
            scheduler,
            clock,
            QUICK);
  }

  @AfterEach
  void stop() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
    slackApi.close();
  }

  @Test
  @DisplayName("a card is posted once, then updated in place: same channel, same ts")
  void postThenUpdate() throws Exception {
    // Given a posted card
    CardAddress address = publisher.post(CHANNEL, card(RunState.PENDING, "")).get();

    // When
    publisher.update(card(RunState.RUNNING, "6/10 updated, 4 available"));

    // Then
    Await.until("one chat.update", () -> slackApi.answered("chat.update").size() == 1);
    SlackCall update = slackApi.answered("chat.update").get(0);
    assertThat(address.channel()).isEqualTo(CHANNEL);
    assertThat(update.param("channel")).isEqualTo(address.channel());
    assertThat(update.param("ts")).isEqualTo(address.ts());
    assertThat(update.param("text")).contains("running — 6/10 updated, 4 available");
    assertThat(update.param("blocks")).contains("\"action_id\":\"run.pause\"");
    assertThat(slackApi.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  @DisplayName("many rapid updates become a few chat.update calls, the last with the final state")
  void coalesces() throws Exception {
    // Given
    publisher.post(CHANNEL, card(RunState.RUNNING, "")).get();

    // When a hundred snapshots come at once, the last one final
    for (int i = 1; i < 100; i++) {
      publisher.update(card(RunState.RUNNING, i + "/100 nodes replaced"));
    }
    publisher.update(card(RunState.SUCCEEDED, ""));

    // Then
    Await.until("the final card", () -> lastUpdateText().contains("succeeded"));
    settle();
    assertThat(slackApi.calls("chat.update")).hasSizeLessThanOrEqualTo(3);
    assertThat(lastUpdateText()).isEqualTo("Deploy web v1.2 → prod (d-4k2p): succeeded");
  }

  @Test
  @DisplayName(
      "a 429 with Retry-After on chat.update is waited out, and the final card still lands")
  void rateLimited() throws Exception {
    // Given Slack rate-limits the next chat.update
    publisher.post(CHANNEL, card(RunState.RUNNING, "")).get();
    slackApi.failNext("chat.update", 1, SlackFault.RATE_LIMITED);

    // When
    publisher.update(card(RunState.RUNNING, "3/10 updated"));
    Await.until("the 429", () -> !slackApi.calls("chat.update").isEmpty());
    publisher.update(card(RunState.RUNNING, "9/10 updated"));
    publisher.update(card(RunState.ROLLED_BACK, ""));

    // Then
    Await.until("the final card", () -> lastUpdateText().contains("rolled back"));
    settle();
    List<SlackCall> updates = slackApi.calls("chat.update");
    assertThat(updates.get(0).status()).isEqualTo(429);
    assertThat(updates.subList(1, updates.size())).extracting(SlackCall::status).containsOnly(200);
    assertThat(lastUpdateText()).isEqualTo("Deploy web v1.2 → prod (d-4k2p): rolled back");
  }

  @Test
  @DisplayName("a 500 on the post is retried, and the card lands once")
  void serverErrorIsRetried() throws Exception {
    // Given
    slackApi.failNext("chat.postMessage", 1, SlackFault.INTERNAL_ERROR);

    // When
    CardAddress address = publisher.post(CHANNEL, card(RunState.PENDING, "")).get();

    // Then
    assertThat(slackApi.calls("chat.postMessage"))
        .extracting(SlackCall::status)
        .containsExactly(500, 200);
    assertThat(address.ts()).isNotBlank();
    assertThat(slackApi.answered("chat.postMessage")).hasSize(1);
  }

  @Test
  @DisplayName("thread notes go in order under the card, even those given before it was posted")
  void threadNotesInOrder() throws Exception {
    // Given notes given right after the post, before Slack answered it
    CompletableFuture<CardAddress> posted = publisher.post(CHANNEL, card(RunState.RUNNING, ""));
    List<String> texts = List.of("Check image: done", "Roll out web: done", "Bake: done");
    for (String text : texts) {
      String[] parts = text.split(": ");
      publisher.note("d-4k2p", ThreadNote.stepFinished(parts[0], StepStatus.DONE, ""));
    }

    // When
    CardAddress address = posted.get();
    Await.until("three replies", () -> slackApi.answered("chat.postMessage").size() == 4);

    // Then
    List<SlackCall> replies = slackApi.answered("chat.postMessage").subList(1, 4);
    assertThat(replies).extracting(call -> call.param("thread_ts")).containsOnly(address.ts());
    assertThat(replies).extracting(call -> call.param("channel")).containsOnly(CHANNEL);
    assertThat(replies).extracting(call -> call.param("text")).containsExactlyElementsOf(texts);
  }

  @Test
  @DisplayName("long output goes into the thread as a file, through the three-call upload")
  void longOutputIsUploaded() throws Exception {
    // Given
    CardAddress address = publisher.post(CHANNEL, card(RunState.FAILED, "")).get();
    String log = "web-7c9f 0/1 CrashLoopBackOff: back-off restarting failed container\n".repeat(80);

    // When
    publisher.note(
        "d-4k2p",
        ThreadNote.failureCause(
                "d-4k2p", "Roll out web", "3 pods in CrashLoopBackOff", "Shipmate rolled web back.")
            .withOutput(log));

    // Then
    Await.until(
        "the upload completed", () -> !slackApi.answered("files.completeUploadExternal").isEmpty());
    assertThat(slackApi.calls())
        .extracting(SlackCall::method)
        .containsSubsequence(
            "files.getUploadURLExternal", "upload", "files.completeUploadExternal");
    SlackCall urlRequest = slackApi.answered("files.getUploadURLExternal").get(0);
    SlackCall upload = slackApi.answered("upload").get(0);
    SlackCall complete = slackApi.answered("files.completeUploadExternal").get(0);
    assertThat(upload.param("content")).endsWith(log);
    assertThat(urlRequest.param("length")).isEqualTo(String.valueOf(upload.bodyLength()));
    assertThat(complete.param("thread_ts")).isEqualTo(address.ts());
    assertThat(complete.param("channel_id")).isEqualTo(CHANNEL);
    assertThat(complete.param("files")).contains(upload.param("file_id"));
    assertThat(complete.param("initial_comment")).contains("d-4k2p failed at step Roll out web");
    assertThat(slackApi.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  @DisplayName(
      "a file Slack refuses (uploads switched off) becomes a shortened note: the text, why, and"
          + " the last lines of the output that fit")
  void refusedFileBecomesAShortenedNote() throws Exception {
    CardAddress address = publisher.post(CHANNEL, card(RunState.FAILED, "")).get();
    StringBuilder log = new StringBuilder();
    for (int line = 1; line <= 200; line++) {
      log.append("line ").append(line).append(": web-7c9f 0/1 CrashLoopBackOff <none>\n");
    }
    slackApi.refuseNext("files.getUploadURLExternal", "not_allowed");

    publisher.note(
        "d-4k2p",
        ThreadNote.failureCause(
                "d-4k2p", "Roll out web", "3 pods in CrashLoopBackOff", "Shipmate rolled web back.")
            .withOutput(log.toString()));

    Await.until(
        "the shortened note in the card's thread",
        () -> slackApi.thread(CHANNEL, address.ts()).size() == 2);
    String note = slackApi.thread(CHANNEL, address.ts()).get(1).blocks().toString();
    assertThat(note)
        .contains("d-4k2p failed at step Roll out web")
        .contains("could not be attached (Slack refused files.getUploadURLExternal: not_allowed)")
        .contains("line 200: web-7c9f 0/1 CrashLoopBackOff &lt;none&gt;")
        .doesNotContain("line 1: ");
    assertThat(slackApi.answered("files.completeUploadExternal")).isEmpty();
  }

  @Test
  @DisplayName(
      "a card posted to a public channel the bot is not in gets its thread too: the bot joins the"
          + " channel (conversations.join) when Slack answers not_in_channel, then posts the note")
  void joinsAPublicChannelForItsThread() throws Exception {
    slackApi.addChannel("C0ELSEWHERE");
    CardAddress address = publisher.post("C0ELSEWHERE", card(RunState.RUNNING, "")).get();

    publisher.note(
        "d-4k2p",
        ThreadNote.failureCause("d-4k2p", "Roll out web", "3 pods crash", "Nothing to undo."));

    Await.until(
        "the note in the card's thread",
        () -> slackApi.thread("C0ELSEWHERE", address.ts()).size() == 2);
    assertThat(slackApi.botIsMember("C0ELSEWHERE")).isTrue();
    assertThat(slackApi.answered("conversations.join")).hasSize(1);
    assertThat(slackApi.calls("chat.postMessage"))
        .extracting(SlackCall::error)
        .containsExactly(null, "not_in_channel", null);
  }

  @Test
  @DisplayName("a post Slack refuses fails with what was wrong and what to do")
  void refusedPost() {
    // Given
    slackApi.refuseNext("chat.postMessage", "not_in_channel");

    // When
    CompletableFuture<CardAddress> posted =
        publisher.post("C0ELSEWHERE", card(RunState.PENDING, ""));

    // Then
    try {
      posted.get();
      fail("the post should have failed");
    } catch (ExecutionException | InterruptedException e) {
      assertThat(e.getCause())
          .isInstanceOf(CardNotPostedException.class)
          .hasMessageContaining("not_in_channel")
          .hasMessageContaining("/invite @Shipmate");
    }
    assertThat(slackApi.calls("chat.postMessage")).hasSize(1);
  }

  private String lastUpdateText() {
    List<SlackCall> updates = slackApi.answered("chat.update");
    return updates.isEmpty() ? "" : updates.get(updates.size() - 1).param("text");
  }

  /** Waits until the publisher has nothing left for the run, so that counts are final. */
  private void settle() {
    Await.until("the run's outbox to settle", () -> publisher.forget("d-4k2p"));
  }

  private static RunCard card(RunState state, String progress) {
    RunCard.Builder builder = RunCardFixtures.deploy().state(state).progress(progress);
    if (state.terminal()) {
      builder.finishedAt(Instant.parse("2026-11-10T12:06:00Z"));
    } else {
      builder.action(dev.shipmate.bot.presenter.RunActionKind.PAUSE);
    }
    return builder.build();
  }
}
