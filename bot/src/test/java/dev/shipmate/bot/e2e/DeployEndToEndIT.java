package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.QuickPods;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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

  private SimulatedWorld world;
  private Bot bot;
  private SlackClientSimulator slack;

  @BeforeEach
  void start() throws Exception {
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN,
            "SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET,
            "SHIPMATE_DB_URL", "jdbc:h2:file:" + data.resolve("db/shipmate"));
    ShipmateConfig config = ConfigFiles.load(ExampleConfig.FILE, env).orThrow();
    world =
        SimulatedWorld.start(
            config,
            WorldSettings.in(data.resolve("world"))
                .withRealTime(true)
                .withPodTimings(QuickPods.TIMINGS));
    Clock clock = Clock.systemUTC();
    bot =
        Bot.start(
            config,
            new ProcessSettings(ExampleConfig.FILE, 0, world.slack().apiUrl()),
            clock,
            Pipelines.on(config, clock, KubernetesClients.fromKubeconfig(world.kubeconfig())));
    slack =
        new SlackClientSimulator(
            bot.localUri().resolve("/slack/events"), SimulatedSlack.DEFAULT_SIGNING_SECRET);
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  @DisplayName("a deploy sets the image, watches the rollout and says `succeeded` in its thread")
  void deploySucceeds() {
    BotResponse answer =
        slack.slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 staging");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("Started d-").contains("deploy web v1.1 to staging");

    SlackMessage card = awaitCard();
    Await.until(
        "the run's thread to name its outcome", () -> threadText(card).contains("succeeded"));
    assertThat(image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.1");
    assertThat(
            world
                .cluster("dev")
                .client()
                .apps()
                .deployments()
                .inNamespace("staging")
                .withName("web")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsKey("kubernetes.io/change-cause");
    Await.until(
        "the card to show the final state",
        () -> cardText(card).toLowerCase(java.util.Locale.ROOT).contains("succeeded"));
  }

  @Test
  @DisplayName("a deploy to an environment the user may not deploy to starts nothing")
  void deployRefused() {
    BotResponse answer =
        slack.slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 prod");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("Nothing was started").contains("group:sre");
    assertThat(world.slack().topLevel("C0PROD")).isEmpty();
    assertThat(image("prod-eu", "prod", "web")).isEqualTo("registry.example.com/acme/web:v1.0");
  }

  private SlackMessage awaitCard() {
    Await.until("a run card in " + DEPLOYS_CHANNEL, () -> !cards().isEmpty());
    return cards().get(0);
  }

  private List<SlackMessage> cards() {
    return world.slack().topLevel(DEPLOYS_CHANNEL);
  }

  private String threadText(SlackMessage card) {
    return world.slack().thread(DEPLOYS_CHANNEL, card.ts()).stream()
        .filter(SlackMessage::isReply)
        .map(SlackMessage::text)
        .reduce("", (a, b) -> a + "\n" + b);
  }

  private String cardText(SlackMessage card) {
    return world
        .slack()
        .message(DEPLOYS_CHANNEL, card.ts())
        .map(m -> m.text() + " " + m.blocks())
        .orElse("");
  }

  private String image(String cluster, String namespace, String name) {
    Deployment deployment =
        world
            .cluster(cluster)
            .client()
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .get();
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }
}
