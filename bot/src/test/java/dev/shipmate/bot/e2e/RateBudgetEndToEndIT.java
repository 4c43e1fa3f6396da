package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.testing.FrontConfig.BACKEND;
import static dev.shipmate.bot.testing.FrontConfig.DEPLOYS_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.BusyDeployPipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty runs at once in one channel against a Slack stand-in that enforces Slack's rate tiers,
 * {@code chat.update} at 50 calls a minute: every card ends showing its outcome, no thread note is
 * lost, and no minute sees more {@code chat.update}s than the tier allows. Slack's minute lasts 10
 * s here, in the stand-in and in the bot's budget alike, so that minutes of Slack's time pass in
 * seconds; every tier keeps its number of calls.
 */
class RateBudgetEndToEndIT {

  private static final Duration MINUTE = Duration.ofSeconds(10);
  private static final int RUNS = 20;
  private static final int UPDATE_TIER = 50;

  @TempDir Path folder;

  @Test
  @DisplayName(
      "20 concurrent runs in one channel under a 50/min chat.update tier: every card shows its"
          + " outcome, no note is lost, no 429, and chat.update stays within the tier")
  void twentyRunsWithinTheTier() throws Exception {
    try (E2eWorld front =
        E2eWorld.onFrontConfig(
                PipelineRegistry.of(
                    new BusyDeployPipeline(Duration.ofSeconds(8), Duration.ofMillis(250))))
            .slackRateMinute(MINUTE)
            .seedSlack(
                slack -> {
                  slack.enforceRateTiers();
                  slack.rateLimit("chat.update", UPDATE_TIER);
                })
            .start(folder)) {
      SimulatedSlack slack = front.slack();

      // When 20 deploys are typed at once in one channel
      List<String> runIds = new ArrayList<>();
      ExecutorService typists = Executors.newFixedThreadPool(RUNS);
      try {
        List<Future<String>> acks = new ArrayList<>();
        for (int i = 1; i <= RUNS; i++) {
          String text = "web v" + i + " staging";
          acks.add(
              typists.submit(
                  () -> E2eWorld.runId(front.command(DEPLOYS_CHANNEL, BACKEND, "/deploy", text))));
        }
        for (Future<String> ack : acks) {
          runIds.add(ack.get());
        }
      } finally {
        typists.shutdownNow();
      }

      // Then every card ends showing its outcome, and every thread has all its notes
      for (String runId : runIds) {
        SlackMessage card = front.card(DEPLOYS_CHANNEL, runId);
        front.awaitOutcome(card, "succeeded in");
        Await.until(
            "the card of " + runId + " to show its outcome",
            () -> front.cardText(card).contains("succeeded"));
        assertThat(front.threadText(card))
            .as("the thread of " + runId)
            .contains("roll-out: done")
            .contains("succeeded in");
      }
      assertThat(slack.topLevel(DEPLOYS_CHANNEL)).as("one card per run").hasSize(RUNS);

      // And Slack never had to refuse a call for its rate limit
      List<SlackCall> calls = slack.calls();
      assertThat(
              calls.stream()
                  .filter(SlackCall::rateLimited)
                  .map(call -> call.method() + " at " + call.at())
                  .toList())
          .as("calls answered 429")
          .isEmpty();

      // And no minute saw more chat.update calls than the tier allows, though the cards changed
      // far more often than that
      List<Instant> updates =
          calls.stream().filter(c -> c.method().equals("chat.update")).map(SlackCall::at).toList();
      assertThat(busiestMinute(updates)).isLessThanOrEqualTo(UPDATE_TIER);
      assertThat(updates).hasSizeGreaterThanOrEqualTo(RUNS);
    }
  }

  /** The most calls in any window of one (shortened) minute. */
  private static int busiestMinute(List<Instant> times) {
    List<Instant> sorted = times.stream().sorted().toList();
    int most = 0;
    int first = 0;
    for (int last = 0; last < sorted.size(); last++) {
      while (!sorted.get(first).plus(MINUTE).isAfter(sorted.get(last))) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }
}
