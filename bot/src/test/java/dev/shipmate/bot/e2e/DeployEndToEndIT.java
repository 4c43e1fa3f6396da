package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of a deploy, as a user sees it: a signed {@code /deploy} reaches the bot, the
 * production deploy pipeline rolls the Deployment on the simulated cluster (real controllers, real
 * time), and the run card and its thread reach the Slack stand-in.
 */
@DisplayName("/deploy on the simulated world, end to end")
class DeployEndToEndIT {

  /** A member of group:backend, which may deploy to staging (config/examples/shipmate.yaml). */
  private static final String BACKEND_DEVELOPER = "U02BE1";

  /** Staging names no channel, so its runs report to slack.channel. */
  private static final String DEPLOYS_CHANNEL = "C0DEPLOYS";

  @TempDir Path data;

  private E2eWorld e2e;

  @BeforeEach
  void start() throws Exception {
    e2e = E2eWorld.onExampleConfig().start(data);
  }

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName("a deploy sets the image, watches the rollout and says `succeeded` in its thread")
  void deploySucceeds() {
    BotResponse answer =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 staging");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("Started d-").contains("deploy web v1.1 to staging");

    SlackMessage card = e2e.awaitCard(DEPLOYS_CHANNEL, 1);
    Await.until(
        "the run's thread to name its outcome", () -> e2e.threadText(card).contains("succeeded"));
    assertThat(e2e.image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.1");
    assertThat(e2e.deployment("dev", "staging", "web").getMetadata().getAnnotations())
        .containsKey("kubernetes.io/change-cause");
    Await.until(
        "the card to show the final state",
        () -> e2e.cardText(card).toLowerCase(java.util.Locale.ROOT).contains("succeeded"));
  }

  @Test
  @DisplayName("a deploy to an environment the user may not deploy to starts nothing")
  void deployRefused() {
    BotResponse answer =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 prod");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("Nothing was started").contains("group:sre");
    assertThat(e2e.slack().topLevel("C0PROD")).isEmpty();
    assertThat(e2e.image("prod-eu", "prod", "web")).isEqualTo("registry.example.com/acme/web:v1.0");
  }
}
