package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.e2e.E2eConfig.SRE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer to a command that started a run is given before its card exists: the card's link
 * follows once it does, through the command's {@code response_url}, and a card that cannot be
 * posted is told instead of promised. An answer to a click that reaches its clicker neither through
 * the click's {@code response_url} nor ephemerally goes into the card's thread.
 */
@DisplayName("links to cards, and answers that would otherwise be lost")
// The last test takes the bot out of the deploys channel and expires every response_url.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardLinksEndToEndIT {

  /** A private channel nobody invited the bot to, where the command is typed. */
  private static final String PRIVATE_CHANNEL = "G0PLATFORM";

  /** The qa environment's channel: private, and the bot was removed from it. */
  private static final String SECRET_CHANNEL = "G0SECRET";

  private static final String DEPLOYS_CHANNEL = "C0DEPLOYS";

  /** Someone in no group: they may not roll anything back. */
  private static final String STRANGER = "U09NOBODY";

  @TempDir static Path folder;

  private static E2eWorld e2e;

  @BeforeAll
  static void start() throws Exception {
    e2e =
        E2eWorld.onExampleConfig(
                yaml ->
                    yaml.replace(
                        "\nenvironments:\n",
                        "\nenvironments:\n  qa:\n    cluster: dev\n    namespace: qa\n"
                            + "    deployers: [group:sre]\n    channel: "
                            + SECRET_CHANNEL
                            + "\n"))
            .seedSlack(slack -> slack.removeBotFrom(SECRET_CHANNEL))
            .start(folder);
    e2e.slack().addChannel(PRIVATE_CHANNEL);
  }

  @AfterAll
  static void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName(
      "/deploy typed in a private channel the bot is not in: the answer says where the card goes,"
          + " and its permalink follows through the response_url once the card is there")
  void theCardIsLinkedOnceItExists() {
    SimulatedSlack slack = e2e.slack();

    BotResponse ack = e2e.command(PRIVATE_CHANNEL, SRE, "/deploy", "web v1.2 staging");

    String runId = E2eWorld.runId(ack);
    assertThat(E2eWorld.text(ack))
        .contains("Started " + runId)
        .contains("its card is being posted in <#" + DEPLOYS_CHANNEL + ">");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, runId);
    String link = e2e.awaitEphemeral(SRE, runId + ": <");
    assertThat(link)
        .isEqualTo(
            runId
                + ": <https://sandbox.slack.com/archives/"
                + DEPLOYS_CHANNEL
                + "/p"
                + card.ts().replace(".", "")
                + "|its card> is in <#"
                + DEPLOYS_CHANNEL
                + ">.");
    assertThat(slack.ephemerals())
        .filteredOn(e -> e.text().equals(link))
        .singleElement()
        .satisfies(e -> assertThat(e.channel()).isEqualTo(PRIVATE_CHANNEL));
    e2e.awaitOutcome(card, "succeeded");
  }

  @Test
  @Order(2)
  @DisplayName(
      "a card that cannot be posted (a private channel the bot was removed from): who started the"
          + " run is told why, naming the run and what to do, instead of waiting for it")
  void aCardThatCannotBePostedIsTold() {
    BotResponse ack = e2e.command(PRIVATE_CHANNEL, SRE, "/deploy", "web v1.2 qa");

    String runId = E2eWorld.runId(ack);
    String told = e2e.awaitEphemeral(SRE, "The run card for " + runId);
    assertThat(told)
        .contains("could not be posted to channel " + SECRET_CHANNEL)
        .contains("channel_not_found")
        .contains("/invite @Shipmate")
        .contains("/cancel " + runId);
  }

  @Test
  @Order(3)
  @DisplayName(
      "/deploy typed in the card's own channel gets no link (the card is there); a refused click"
          + " on that card, its response_url expired and the bot removed from the channel: the"
          + " refusal goes into the card's thread, mentioning the clicker")
  void aRefusalThatReachesNobodyGoesIntoTheThread() {
    SimulatedSlack slack = e2e.slack();
    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, SRE, "/deploy", "web v1.4 staging");
    String runId = E2eWorld.runId(ack);
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, runId);
    e2e.awaitOutcome(card, "succeeded");
    assertThat(e2e.ephemeralsTo(SRE)).noneMatch(e -> e.text().startsWith(runId + ": "));
    // The card's last notes are out: nothing of the run's own brings the bot back in.
    Await.until(
        "a Roll back button on the card",
        () ->
            slack
                .message(DEPLOYS_CHANNEL, card.ts())
                .filter(
                    m -> SlackCards.hasButton(m, SlackRenderer.actionId(RunActionKind.ROLL_BACK)))
                .isPresent());
    slack.removeBotFrom(DEPLOYS_CHANNEL);
    slack.expireResponseUrls();

    e2e.click(STRANGER, card, SlackRenderer.actionId(RunActionKind.ROLL_BACK));

    Await.until(
        "the refusal in the card's thread",
        () ->
            e2e.replies(card).stream().anyMatch(m -> m.text().startsWith("<@" + STRANGER + "> ")));
    String refusal =
        e2e.replies(card).stream()
            .map(SlackMessage::text)
            .filter(t -> t.startsWith("<@" + STRANGER + "> "))
            .findFirst()
            .orElseThrow();
    assertThat(refusal).contains("staging").contains("may");
    List<SlackCall> ephemerals = slack.calls("chat.postEphemeral");
    assertThat(ephemerals.get(ephemerals.size() - 1).error()).isEqualTo("not_in_channel");
    assertThat(slack.botIsMember(DEPLOYS_CHANNEL)).as("joined to post in the thread").isTrue();
    assertThat(e2e.ephemeralsTo(STRANGER)).isEmpty();
  }
}
