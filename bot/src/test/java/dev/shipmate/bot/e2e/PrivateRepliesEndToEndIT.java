package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.e2e.E2eConfig.PROD_CHANNEL;
import static dev.shipmate.bot.e2e.E2eConfig.SRE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private answers reach who asked wherever they asked: through the request's {@code response_url},
 * which the strict Slack stand-in serves, in conversations where {@code chat.postEphemeral} is
 * refused because the bot is not a member.
 */
@DisplayName("private answers through response_url, where the bot is not a member")
class PrivateRepliesEndToEndIT {
  private static final String APPROVE = SlackRenderer.actionId(RunActionKind.APPROVE);

  /** A private channel nobody invited the bot to. */
  private static final String PRIVATE_CHANNEL = "G0PLATFORM";

  @TempDir static Path folder;

  private static E2eWorld e2e;

  @BeforeAll
  static void start() throws Exception {
    e2e = E2eWorld.onExampleConfig().start(folder);
    e2e.slack().addChannel(PRIVATE_CHANNEL);
  }

  @AfterAll
  static void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "/upgrade prod-eu 1.32 --dry-run typed in a private channel the bot is not in: the plan"
          + " reaches the asker through the response_url")
  void dryRunPlanInAPrivateChannel() {
    SimulatedSlack slack = e2e.slack();
    assertThat(slack.botIsMember(PRIVATE_CHANNEL)).isFalse();

    BotResponse ack = e2e.command(PRIVATE_CHANNEL, SRE, "/upgrade", "prod-eu 1.32 --dry-run");

    assertThat(ack.body()).contains("Checking prod-eu for an upgrade to 1.32");
    String plan = e2e.awaitEphemeral(SRE, "Upgrade of prod-eu to Kubernetes 1.32:");
    assertThat(plan).contains("Estimate:");
    assertThat(slack.ephemerals())
        .filteredOn(e -> e.text().equals(plan))
        .singleElement()
        .satisfies(e -> assertThat(e.channel()).isEqualTo(PRIVATE_CHANNEL));
    assertThat(slack.answered("response_url")).isNotEmpty();
    assertThat(slack.calls("chat.postEphemeral"))
        .as("no ephemeral to a channel the bot cannot post in")
        .filteredOn(call -> PRIVATE_CHANNEL.equals(call.param("channel")))
        .isEmpty();
  }

  @Test
  @DisplayName(
      "the requester's own Approve on a card in a channel the bot was removed from: the refusal"
          + " reaches the clicker through the click's response_url")
  void refusedClickWhereTheBotWasRemoved() {
    SimulatedSlack slack = e2e.slack();
    // prod asks for a confirmation first (confirm: true); the start is told privately
    String started = e2e.confirmed(PROD_CHANNEL, SRE, "/deploy", "web v1.1 prod");
    assertThat(started).contains("waits for 1 approval");
    SlackMessage card = e2e.card(PROD_CHANNEL, E2eWorld.runIdIn(started));
    Await.until(
        "an Approve button on the card",
        () ->
            slack
                .message(PROD_CHANNEL, card.ts())
                .filter(m -> SlackCards.hasButton(m, APPROVE))
                .isPresent());
    slack.removeBotFrom(PROD_CHANNEL);
    // The stand-in shows a response_url's message before it logs the call: count from the start's
    Await.until(
        "the start's answer in the log of calls",
        () ->
            slack.answered("response_url").stream()
                .anyMatch(call -> call.param("text").startsWith("Started")));
    int responsesBefore = slack.answered("response_url").size();
    int ephemeralsBefore = e2e.ephemeralsTo(SRE).size();

    e2e.click(SRE, card, APPROVE);

    Await.until(
        "an answer to the requester's own approval",
        () -> e2e.ephemeralsTo(SRE).size() > ephemeralsBefore);
    List<SlackEphemeral> toRequester = e2e.ephemeralsTo(SRE);
    SlackEphemeral refusal = toRequester.get(toRequester.size() - 1);
    assertThat(refusal.text()).containsIgnoringCase("approve");
    assertThat(refusal.channel()).isEqualTo(PROD_CHANNEL);
    Await.until(
        "the refusal's response_url call",
        () -> slack.answered("response_url").size() > responsesBefore);
    assertThat(slack.calls("chat.postEphemeral"))
        .extracting(SlackCall::error)
        .as("chat.postEphemeral would have been refused here")
        .doesNotContain("not_in_channel");
  }
}
