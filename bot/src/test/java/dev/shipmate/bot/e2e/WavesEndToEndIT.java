package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.e2e.E2eConfig.BACKEND_DEVELOPER;
import static dev.shipmate.bot.e2e.E2eConfig.DEPLOYS_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An environment across three clusters ({@code waves: [[canary], [eu-west], [us-east]]}), deployed
 * by signed slash commands as Slack sends them: one card for the run with a step per wave, and a
 * failure in the second wave rolling back the first two, the thread naming the wave, the cluster
 * and the cause; Pause on the card holding the next wave back until Resume.
 */
@DisplayName("/deploy to an environment in waves, end to end")
class WavesEndToEndIT {
  private static final String REGISTRY = "registry.example.com/acme/";
  private static final List<String> CLUSTERS = List.of("canary", "eu-west", "us-east");

  @TempDir static Path folder;

  private static E2eWorld e2e;

  @BeforeAll
  static void start() throws Exception {
    String yaml =
        E2eConfig.YAML
            .replace(
                "  dev: { context: dev }\n",
                "  dev: { context: dev }\n"
                    + "  canary: { context: canary }\n"
                    + "  eu-west: { context: eu-west }\n"
                    + "  us-east: { context: us-east }\n")
            .replace(
                "environments:\n",
                "environments:\n"
                    + "  global:\n"
                    + "    waves: [[canary], [eu-west], [us-east]]\n"
                    + "    namespace: global\n"
                    + "    deployers: [group:backend, group:sre]\n"
                    + "  slow:\n"
                    + "    waves: [[canary], [eu-west]]\n"
                    + "    bake: 10s\n"
                    + "    namespace: slow\n"
                    + "    deployers: [group:backend, group:sre]\n");
    assertThat(yaml).contains("us-east: { context: us-east }").contains("waves:");
    e2e = E2eWorld.on(yaml).replicas(1).start(folder);
  }

  @AfterAll
  static void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName("three waves succeed: one card, a step per wave, every cluster at the version")
  void succeeds() {
    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.3 global");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack));

    String thread = e2e.awaitOutcome(card, "succeeded");

    CLUSTERS.forEach(
        cluster ->
            assertThat(e2e.image(cluster, "global", "web")).isEqualTo(REGISTRY + "web:v1.3"));
    assertThat(thread)
        .contains("plan")
        .contains("canary: web → v1.3")
        .contains("eu-west: web → v1.3")
        .contains("us-east: web → v1.3");
    Await.until(
        "the card to show every wave done",
        () ->
            e2e.cardText(card).contains("wave-3-rollout")
                && e2e.cardText(card).contains("succeeded"));
    assertThat(e2e.cardText(card))
        .contains("Deploy web v1.3 to global in waves")
        .contains("wave-1-set-image")
        .contains("wave-1-rollout")
        .contains("wave-2-set-image")
        .contains("wave-2-rollout")
        .contains("wave-3-set-image")
        .contains("wave-3-rollout");
    assertThat(e2e.slack().topLevel(DEPLOYS_CHANNEL).stream().filter(m -> m.ts().equals(card.ts())))
        .as("one card for the whole run")
        .hasSize(1);
  }

  @Test
  @DisplayName(
      "an image that never pulls in wave 2's cluster rolls back waves 2 and 1; the thread names the"
          + " wave, the cluster and the cause")
  void failureInWaveTwoRollsBack() {
    e2e.world().cluster("eu-west").failImage(REGISTRY + "api:v1.4", "imagepull");
    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "api v1.4 global");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack));

    String thread = e2e.awaitOutcome(card, "rolled back");

    assertThat(thread)
        .contains("failed at wave-2-rollout: cluster eu-west: rollout of Deployment api failed")
        .contains("ImagePullBackOff");
    CLUSTERS.forEach(
        cluster ->
            assertThat(e2e.image(cluster, "global", "api")).isEqualTo(REGISTRY + "api:v1.0"));
    Await.until("the card to say rolled back", () -> e2e.cardText(card).contains("rolled back"));
    assertThat(e2e.cardText(card)).contains("wave-2-rollout").contains("wave-3-set-image");
  }

  @Test
  @DisplayName(
      "Pause on the card during wave 1's bake holds wave 2 back until Resume, and the run goes on")
  void pauseBetweenWaves() throws Exception {
    BotResponse ack =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "search v1.5 slow");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack));
    Await.until(
        "wave 1 to set the image in canary",
        () -> e2e.image("canary", "slow", "search").equals(REGISTRY + "search:v1.5"));
    Await.until("the Pause button", () -> e2e.cardText(card).contains("Pause"));

    e2e.click(BACKEND_DEVELOPER, card, "run.pause");
    Await.until("the card to say paused", () -> e2e.cardText(card).contains("paused by"));
    // Longer than wave 1's bake: had the run not been paused, wave 2 would have begun by now.
    Thread.sleep(Duration.ofSeconds(12).toMillis());

    assertThat(e2e.image("eu-west", "slow", "search")).isEqualTo(REGISTRY + "search:v1.0");
    assertThat(e2e.cardText(card)).contains("paused by").contains("Resume");

    e2e.click(BACKEND_DEVELOPER, card, "run.resume");
    e2e.awaitOutcome(card, "succeeded");
    assertThat(e2e.image("eu-west", "slow", "search")).isEqualTo(REGISTRY + "search:v1.5");
  }
}
