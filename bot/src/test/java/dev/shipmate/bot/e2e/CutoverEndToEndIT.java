package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.QuickPods;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /cutover} as a user sees it: signed commands reach the bot, the production cutover
 * pipeline moves the weights in the sandbox's Route53 stand-in (real time, short TTL and bake),
 * probing a green health endpoint the test can turn bad, and the run card and thread reach the
 * Slack stand-in.
 */
@DisplayName("/cutover on the simulated world, end to end")
class CutoverEndToEndIT {

  /** A member of group:sre, the operators of the example's cutover www. */
  private static final String SRE = "U01SRE1";

  /** A member of group:backend only, who may not shift traffic. */
  private static final String BACKEND_DEVELOPER = "U02BE1";

  private static final String CHANNEL = "C0DEPLOYS";
  private static final String ZONE = "Z0EXAMPLE";
  private static final String WWW = "www.example.com.";

  @TempDir Path data;

  private final AtomicInteger greenStatus = new AtomicInteger(200);
  private HttpServer green;
  private SimulatedWorld world;
  private Bot bot;
  private SlackClientSimulator slack;

  @BeforeEach
  void start() throws Exception {
    green = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    green.createContext(
        "/healthz",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(greenStatus.get(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    green.start();
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN,
            "SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET,
            "SHIPMATE_DB_URL", "jdbc:h2:file:" + data.resolve("db/shipmate"));
    ShipmateConfig config = ConfigFiles.load(fastCutoverConfig(), env).orThrow();
    world =
        SimulatedWorld.start(
            config,
            WorldSettings.in(data.resolve("world"))
                .withRealTime(true)
                .withPodTimings(QuickPods.TIMINGS));
    SimulatedRoute53 route53 = world.aws().route53();
    route53.setPropagationDelay(Duration.ofMillis(200));
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "blue", 100, 1, "blue.example.com");
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "green", 0, 1, "green.example.com");
    Clock clock = Clock.systemUTC();
    bot =
        Bot.start(
            config,
            new ProcessSettings(ExampleConfig.FILE, 0, world.slack().apiUrl()),
            clock,
            Pipelines.on(
                config,
                clock,
                KubernetesClients.fromKubeconfig(world.kubeconfig()),
                world.aws().endpoint()));
    slack =
        new SlackClientSimulator(
            bot.localUri().resolve("/slack/events"), SimulatedSlack.DEFAULT_SIGNING_SECRET);
  }

  /** The example configuration, its cutover probing our endpoint every second, baking 1s. */
  private Path fastCutoverConfig() throws IOException {
    String example = Files.readString(ExampleConfig.FILE);
    String fast =
        example
            .replace(
                "url: https://green.example.com/healthz",
                "url: http://127.0.0.1:" + green.getAddress().getPort() + "/healthz")
            .replace("interval: 10s", "interval: 1s")
            .replace("bake: 5m", "bake: 1s");
    assertThat(fast).contains("interval: 1s").contains("bake: 1s").contains("127.0.0.1");
    return Files.writeString(data.resolve("shipmate.yaml"), fast);
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (world != null) {
      world.close();
    }
    if (green != null) {
      green.stop(0);
    }
  }

  @Test
  @DisplayName("a shift writes both weights, bakes healthy and says `succeeded` in its thread")
  void shiftSucceeds() {
    BotResponse answer = slack.slashCommand(CHANNEL, SRE, "/cutover", "www 25%");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("Started c-").contains("cutover www to 25% green");
    SlackMessage card = awaitCard();
    Await.until(
        "the run's thread to name its outcome", () -> threadText(card).contains("succeeded"));
    assertThat(weights()).isEqualTo(Map.of("blue", 75L, "green", 25L));
  }

  @Test
  @DisplayName("a failing gate puts the weights back; the thread names the probe figures")
  void gateFailsAndRollsBack() {
    greenStatus.set(503);

    slack.slashCommand(CHANNEL, SRE, "/cutover", "www 50%");

    SlackMessage card = awaitCard();
    Await.until(
        "the run's thread to say rolled back", () -> threadText(card).contains("rolled back"));
    assertThat(threadText(card))
        .contains("green failed its health gate")
        .contains("probes succeeded")
        .contains("last failure: 503");
    assertThat(weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
  }

  @Test
  @DisplayName("status answers only the asker with the live weights and green's health")
  void status() {
    BotResponse answer = slack.slashCommand(CHANNEL, BACKEND_DEVELOPER, "/cutover", "www status");

    assertThat(answer.body()).contains("Reading www from Route53");
    Await.until("an ephemeral status", () -> !ephemerals(BACKEND_DEVELOPER).isEmpty());
    assertThat(ephemerals(BACKEND_DEVELOPER).get(0).text())
        .contains("blue 100% · green 0%")
        .contains("Green health: healthy")
        .contains("No cutover of www is running");
    assertThat(world.slack().topLevel(CHANNEL)).isEmpty();
  }

  @Test
  @DisplayName("abort stops a progressive cutover and puts back the weights from before it")
  void abort() {
    slack.slashCommand(CHANNEL, SRE, "/cutover", "www 100% --step 25% --every 10m");
    SlackMessage card = awaitCard();
    Await.until(
        "the first step's weights", () -> weights().equals(Map.of("blue", 75L, "green", 25L)));
    Await.until("an Abort button on the card", () -> cardText(card).contains("Abort"));

    BotResponse answer = slack.slashCommand(CHANNEL, SRE, "/cutover", "www abort");

    assertThat(answer.body()).contains("Aborting c-");
    Await.until(
        "the weights from before the run",
        () -> weights().equals(Map.of("blue", 100L, "green", 0L)));
    Await.until(
        "the thread to say it was cancelled and undone",
        () ->
            threadText(card).contains("cancelled by")
                && threadText(card).contains("restore-weights"));
  }

  @Test
  @DisplayName("the Abort button on the card does what /cutover abort does")
  void abortButton() {
    slack.slashCommand(CHANNEL, SRE, "/cutover", "www 100% --step 50% --every 10m");
    SlackMessage card = awaitCard();
    Await.until(
        "the first step's weights", () -> weights().equals(Map.of("blue", 50L, "green", 50L)));
    String runId = firstRunId(card);

    slack.blockAction(CHANNEL, SRE, card.ts(), SlackRenderer.actionId(RunActionKind.ABORT), runId);

    Await.until(
        "the weights from before the run",
        () -> weights().equals(Map.of("blue", 100L, "green", 0L)));
    Await.until(
        "the thread to say it was cancelled and undone",
        () ->
            threadText(card).contains("cancelled by")
                && threadText(card).contains("restore-weights"));
  }

  @Test
  @DisplayName("someone who is not an operator of the cutover starts nothing")
  void refused() {
    BotResponse answer = slack.slashCommand(CHANNEL, BACKEND_DEVELOPER, "/cutover", "www 25%");

    assertThat(answer.body()).contains("Nothing was started").contains("group:sre");
    assertThat(world.slack().topLevel(CHANNEL)).isEmpty();
    assertThat(weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
  }

  private Map<String, Long> weights() {
    return world.aws().route53().weights(ZONE, WWW, "CNAME");
  }

  private String firstRunId(SlackMessage card) {
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("c-[a-z0-9]{4}").matcher(cardText(card));
    assertThat(id.find()).isTrue();
    return id.group();
  }

  private List<SlackEphemeral> ephemerals(String user) {
    return world.slack().ephemerals().stream().filter(e -> e.user().equals(user)).toList();
  }

  private SlackMessage awaitCard() {
    Await.until("a run card in " + CHANNEL, () -> !world.slack().topLevel(CHANNEL).isEmpty());
    return world.slack().topLevel(CHANNEL).get(0);
  }

  private String threadText(SlackMessage card) {
    return world.slack().thread(CHANNEL, card.ts()).stream()
        .filter(SlackMessage::isReply)
        .map(SlackMessage::text)
        .reduce("", (a, b) -> a + "\n" + b)
        .toLowerCase(Locale.ROOT);
  }

  private String cardText(SlackMessage card) {
    return world
        .slack()
        .message(CHANNEL, card.ts())
        .map(m -> m.text() + " " + m.blocks())
        .orElse("");
  }
}
