package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.e2e.E2eConfig.BACKEND_DEVELOPER;
import static dev.shipmate.bot.e2e.E2eConfig.DEPLOYS_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.prometheus.SimulatedPrometheus;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy baked by a metric check after its rollout ({@code environments.staging.verify}), against
 * the sandbox's Prometheus stand-in, whose error ratio follows the image a Deployment runs: a
 * {@code -errors} tag fails the check and the deploy is rolled back, naming the query and its
 * value; a good tag passes, its figures on the card.
 */
@DisplayName("/deploy with a verify check, end to end")
class VerifyEndToEndIT {
  private static final String REGISTRY = "registry.example.com/acme/";

  /** What staging's check asks, as the thread must name it once filled in. */
  private static final String QUERY =
      "max(http_error_ratio{cluster=\"dev\", namespace=\"staging\", deployment=\"web\"})";

  @TempDir static Path folder;

  private static SimulatedPrometheus prometheus;
  private static E2eWorld e2e;

  @BeforeAll
  static void start() throws Exception {
    // Prometheus runs beside the world, as it would beside a cluster: its URL goes in the config.
    prometheus = SimulatedPrometheus.start(Clock.systemUTC());
    String yaml =
        E2eConfig.YAML.replace(
                "staging: { cluster: dev, namespace: staging, deployers: [group:backend,"
                    + " group:sre] }",
                "staging:\n"
                    + "    cluster: dev\n"
                    + "    namespace: staging\n"
                    + "    deployers: [group:backend, group:sre]\n"
                    + "    verify: [error-ratio]")
            + "prometheus: { url: \""
            + prometheus.url()
            + "\" }\n"
            + "analysis:\n"
            + "  error-ratio:\n"
            + "    prometheus:\n"
            + "      query: 'max(http_error_ratio{cluster=\"{cluster}\", namespace=\"{namespace}\","
            + " deployment=\"{service}\"})'\n"
            + "      max: 0.01\n"
            + "    interval: 2s\n"
            + "    count: 3\n";
    assertThat(yaml).contains("verify: [error-ratio]");
    e2e =
        E2eWorld.on(yaml)
            .replicas(1)
            .seed(world -> prometheus.follow("dev", world.cluster("dev")))
            .start(folder);
  }

  @AfterAll
  static void stop() {
    if (e2e != null) {
      e2e.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  @DisplayName(
      "an image tagged -errors rolls out, fails its error-ratio check and is rolled back; the"
          + " thread names the query and its value")
  void failingCheckRollsBack() {
    BotResponse ack =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.3-errors staging");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack));

    String thread = e2e.awaitOutcome(card, "rolled back");

    assertThat(thread)
        // Slack's text escapes '>' as &gt;.
        .contains("failed at verify: error-ratio failed: 0.3 &gt; 0.01")
        .contains(QUERY)
        .contains("verify");
    assertThat(e2e.image("dev", "staging", "web")).isEqualTo(REGISTRY + "web:v1.0");
    Await.until(
        "the card to say rolled back",
        () -> e2e.cardText(card).toLowerCase(Locale.ROOT).contains("rolled back"));
  }

  @Test
  @DisplayName(
      "a good image passes its check after the rollout, the figures on the card and in the thread")
  void passingCheckSucceeds() {
    BotResponse ack =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "api v1.3 staging");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack));

    String thread = e2e.awaitOutcome(card, "succeeded");

    assertThat(e2e.image("dev", "staging", "api")).isEqualTo(REGISTRY + "api:v1.3");
    Await.until(
        "the thread to show the check's figures",
        () -> e2e.threadShown(card).contains("error-ratio 0.001 ≤ 0.01 · 3/3 passed"));
    assertThat(thread).doesNotContain("failed");
    assertThat(
            e2e.slack().answered("chat.update", call -> card.ts().equals(call.param("ts"))).stream()
                .map(call -> String.valueOf(call.params()))
                .filter(update -> update.contains("verify") && update.contains("/3 passed")))
        .as("the card's updates while the check ran show its figures")
        .anySatisfy(update -> assertThat(update).contains("error-ratio 0.001"));
  }
}
