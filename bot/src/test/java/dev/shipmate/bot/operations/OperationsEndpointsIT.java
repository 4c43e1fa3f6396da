package dev.shipmate.bot.operations;

import static dev.shipmate.bot.testing.FrontConfig.BACKEND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackFault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /readyz} and {@code /metrics} over real HTTP, on the whole bot: engine on an H2 file,
 * Quartz, Bolt on Jetty, a Slack Web API stand-in.
 */
class OperationsEndpointsIT {

  private static final Pattern STARTED = Pattern.compile("Started (d-[0-9a-z]{4}): ");

  @TempDir Path folder;

  private E2eWorld front;
  private SimulatedSlack slack;
  private Bot bot;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startBot() throws Exception {
    front =
        E2eWorld.onFrontConfig(PipelineRegistry.of(new ScriptedDeployPipeline()))
            .managementPort()
            .start(folder);
    slack = front.slack();
    bot = front.bot();
  }

  @AfterEach
  void stopBot() {
    if (front != null) {
      front.close();
    }
  }

  /** A GET on the management port, where /readyz and /metrics are served. */
  private HttpResponse<String> get(String path) throws Exception {
    return get(bot.managementUri(), path);
  }

  private HttpResponse<String> get(URI base, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName(
      "with MANAGEMENT_PORT, /readyz and /metrics answer there and not on the port Slack reaches,"
          + " which keeps /slack/events and /healthz")
  void managementPortApart() throws Exception {
    assertThat(bot.managementUri().getPort()).isNotEqualTo(bot.localUri().getPort());
    assertThat(get(bot.localUri(), "/readyz").statusCode()).isEqualTo(404);
    assertThat(get(bot.localUri(), "/metrics").statusCode()).isEqualTo(404);
    assertThat(get(bot.localUri(), "/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
    assertThat(get("/slack/events").statusCode()).isEqualTo(404);
    // Slack's acks are still timed on the public port
    deploy("web v4-ok staging");
    assertThat(sample(scrape(), "shipmate_slack_ack_seconds_count{status=\"200\"}"))
        .isGreaterThanOrEqualTo(1);
  }

  private String deploy(String text) throws Exception {
    SlashCommandPost post = SlashCommandPost.of("/deploy", text).by(BACKEND);
    URI events = bot.localUri().resolve("/slack/events");
    HttpResponse<String> ack =
        http.send(
            post.signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());
    Matcher started = STARTED.matcher(ack.body());
    assertThat(started.find()).as("ack: %s", ack.body()).isTrue();
    return started.group(1);
  }

  /** The value of one sample of the scrape, or 0 when the series does not exist yet. */
  private static double sample(String scrape, String series) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
        .findFirst()
        .orElse(0.0);
  }

  @Test
  @DisplayName(
      "/readyz answers 200 while the database and Quartz are up, 503 after, with a body that"
          + " tells nothing of the internals")
  void readiness() throws Exception {
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready");

    // When the engine's wake-ups stop (as when Quartz fails), the replica is taken out of service
    bot.engine().stop();

    HttpResponse<String> notReady = get("/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("not ready");
    assertThat(get(bot.localUri(), "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "/metrics is Prometheus text, and the run, step, ack and Slack call meters move with a run")
  void metricsMoveWithRuns() throws Exception {
    HttpResponse<String> before = get("/metrics");
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(before.body())
        .contains("# TYPE shipmate_previews_alive gauge", "shipmate_previews_alive NaN")
        .contains("shipmate_locks_held 0.0")
        .contains("shipmate_drift_objects{cluster=")
        .contains("jvm_memory_used_bytes");
    String finished = "shipmate_runs_finished_total{outcome=\"succeeded\",pipeline=\"deploy\"}";
    double finishedBefore = sample(before.body(), finished);

    // A deploy that holds at wait-rollout holds its lock meanwhile
    String held = deploy("worker v1-hold staging");
    Await.until("the held run's lock to show", () -> scrape().contains("shipmate_locks_held 1.0"));
    ScriptedDeployPipeline.release("worker");
    Await.until(
        "the held run to finish",
        () -> bot.engine().run(new RunId(held)).orElseThrow().status().isTerminal());
    String failed = deploy("api v2-fail staging");
    Await.until(
        "the failing run to be rolled back",
        () -> bot.engine().run(new RunId(failed)).orElseThrow().status().isTerminal());

    String after = scrape();
    assertThat(sample(after, finished)).isEqualTo(finishedBefore + 1);
    assertThat(
            sample(
                after, "shipmate_runs_finished_total{outcome=\"rolled_back\",pipeline=\"deploy\"}"))
        .isEqualTo(1);
    assertThat(sample(after, "shipmate_runs_started_total{pipeline=\"deploy\"}")).isEqualTo(2);
    assertThat(
            sample(
                after,
                "shipmate_run_duration_seconds_count{outcome=\"succeeded\",pipeline=\"deploy\"}"))
        .isEqualTo(1);
    assertThat(
            sample(
                after,
                "shipmate_step_duration_seconds_count{outcome=\"failed\",pipeline=\"deploy\",step=\"wait-rollout\"}"))
        .isEqualTo(1);
    assertThat(
            sample(
                after,
                "shipmate_step_duration_seconds_count{outcome=\"succeeded\",pipeline=\"deploy\",step=\"set-image\"}"))
        .isEqualTo(2);
    assertThat(sample(after, "shipmate_slack_ack_seconds_count{status=\"200\"}")).isEqualTo(2);
    // Cards are posted after their runs are created, within Slack's rate budget: the second may
    // still be on its way when the run has already ended.
    Await.until(
        "both cards' posts to be counted",
        () ->
            sample(
                    scrape(),
                    "shipmate_slack_calls_total{method=\"chat.postMessage\",outcome=\"ok\"}")
                >= 2);
    assertThat(sample(after, "shipmate_locks_held")).isZero();
  }

  @Test
  @DisplayName("Slack answering an error is counted by method and Slack's error code")
  void slackErrorsAreCounted() throws Exception {
    slack.failNext("chat.postMessage", 1, SlackFault.RATE_LIMITED);

    String run = deploy("web v3-ok staging");
    Await.until(
        "the run to finish",
        () -> bot.engine().run(new RunId(run)).orElseThrow().status().isTerminal());

    Await.until(
        "the rate-limited call to be counted",
        () ->
            sample(
                    scrape(),
                    "shipmate_slack_calls_total{method=\"chat.postMessage\",outcome=\"ratelimited\"}")
                == 1);
  }

  private String scrape() {
    try {
      return get("/metrics").body();
    } catch (Exception e) {
      throw new AssertionError("cannot scrape /metrics", e);
    }
  }
}
