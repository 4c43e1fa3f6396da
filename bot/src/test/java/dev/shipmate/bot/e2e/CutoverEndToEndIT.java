package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.aws.cloudwatch.AlarmState;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
  private E2eWorld e2e;
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
    e2e =
        E2eWorld.onExampleConfig(this::fastCutover)
            .seed(
                world -> {
                  SimulatedRoute53 route53 = world.aws().route53();
                  route53.setPropagationDelay(Duration.ofMillis(200));
                  route53.putWeightedRecord(ZONE, WWW, "CNAME", "blue", 100, 1, "blue.example.com");
                  route53.putWeightedRecord(ZONE, WWW, "CNAME", "green", 0, 1, "green.example.com");
                })
            .start(data);
    slack = e2e.client();
  }

  /**
   * The example configuration, its cutover probing our endpoint every second, baking 1s, with a
   * CloudWatch alarm in its gate (the world holds it, OK).
   */
  private String fastCutover(String example) {
    String fast =
        example
            .replace(
                "url: https://green.example.com/healthz",
                "url: http://127.0.0.1:" + green.getAddress().getPort() + "/healthz")
            .replace("interval: 10s", "interval: 1s\n      alarm: green-5xx")
            .replace("bake: 5m", "bake: 1s");
    assertThat(fast)
        .contains("interval: 1s")
        .contains("alarm: green-5xx")
        .contains("bake: 1s")
        .contains("127.0.0.1");
    return fast;
  }

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
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
  @DisplayName(
      "a CloudWatch alarm going to ALARM reverts the step; the thread names the alarm and its state")
  void alarmReverts() {
    e2e.world()
        .aws()
        .cloudWatch()
        .setAlarm(
            "eu-west-1",
            "green-5xx",
            AlarmState.ALARM,
            "Threshold Crossed: 1 datapoint [17.0] was greater than the threshold (5.0).");

    slack.slashCommand(CHANNEL, SRE, "/cutover", "www 100% --step 50% --every 10m");
    SlackMessage card = awaitCard();

    Await.until(
        "the run's thread to say rolled back", () -> threadText(card).contains("rolled back"));
    assertThat(e2e.threadText(card))
        .contains(
            "green failed its health gate at step 1 of 2: blue 50% · green 50%: CloudWatch alarm"
                + " green-5xx is ALARM (Threshold Crossed: 1 datapoint [17.0] was greater than the"
                + " threshold (5.0).) (health.alarm)")
        .contains("Traffic goes back to blue 100% · green 0%");
    assertThat(weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
    // The step had moved traffic before the alarm sent it back.
    assertThat(e2e.world().aws().route53().changes()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(e2e.world().aws().cloudWatch().asked()).contains("green-5xx");
  }

  @Test
  @DisplayName("status answers only the asker with the live weights and green's health")
  void status() {
    BotResponse answer = slack.slashCommand(CHANNEL, BACKEND_DEVELOPER, "/cutover", "www status");

    assertThat(answer.body()).contains("Reading www from Route53");
    Await.until("an ephemeral status", () -> !e2e.ephemeralsTo(BACKEND_DEVELOPER).isEmpty());
    assertThat(e2e.ephemeralsTo(BACKEND_DEVELOPER).get(0).text())
        .contains("blue 100% · green 0%")
        .contains("Green health: healthy")
        .contains("No cutover of www is running");
    assertThat(e2e.slack().topLevel(CHANNEL)).isEmpty();
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
    assertThat(e2e.slack().topLevel(CHANNEL)).isEmpty();
    assertThat(weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
  }

  private Map<String, Long> weights() {
    return e2e.world().aws().route53().weights(ZONE, WWW, "CNAME");
  }

  private String firstRunId(SlackMessage card) {
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("c-[a-z0-9]{4}").matcher(cardText(card));
    assertThat(id.find()).isTrue();
    return id.group();
  }

  private SlackMessage awaitCard() {
    return e2e.awaitCard(CHANNEL, 1);
  }

  private String threadText(SlackMessage card) {
    return e2e.threadText(card).toLowerCase(Locale.ROOT);
  }

  private String cardText(SlackMessage card) {
    return e2e.cardText(card);
  }
}
