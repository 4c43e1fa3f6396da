package dev.shipmate.bot.http;

import static dev.shipmate.bot.testing.FrontConfig.BACKEND;
import static dev.shipmate.bot.testing.FrontConfig.DEPLOYS_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own signature check in front of Bolt, through the real HTTP server: every request Slack did
 * not sign, or signed too long ago or ahead, is answered 401, counted on the meter, and starts
 * nothing; Slack's own requests go through.
 */
class SlackSignatureIT {

  @TempDir static Path folder;

  private static E2eWorld front;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBot() throws Exception {
    front =
        E2eWorld.onFrontConfig(PipelineRegistry.of(new ScriptedDeployPipeline()))
            .managementPort()
            .start(folder);
  }

  @AfterAll
  static void stopBot() {
    if (front != null) {
      front.close();
    }
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static double failures() throws Exception {
    String series = "shipmate_signature_failures_total{endpoint=\"/slack/events\"}";
    return send(HttpRequest.newBuilder(front.bot().managementUri().resolve("/metrics")).build())
        .body()
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
        .findFirst()
        .orElse(0.0);
  }

  @Test
  @DisplayName(
      "unsigned, wrongly signed, tampered, stale and future-stamped requests get 401 and are"
          + " counted; a signed command is answered")
  void refusedAndCounted() throws Exception {
    double before = failures();
    SlashCommandPost deploy = SlashCommandPost.of("/deploy", "web v1-ok staging").by(BACKEND);
    HttpRequest signed = deploy.signedWith(ExampleConfig.SIGNING_SECRET, front.events());
    String stamp = signed.headers().firstValue("X-Slack-Request-Timestamp").orElseThrow();
    String signature = signed.headers().firstValue("X-Slack-Signature").orElseThrow();

    HttpRequest unsigned =
        HttpRequest.newBuilder(front.events())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(deploy.body()))
            .build();
    HttpRequest wrongSecret = deploy.signedWith("not-the-secret", front.events());
    HttpRequest tampered =
        HttpRequest.newBuilder(front.events())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", stamp)
            .header("X-Slack-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(deploy.body().replace("v1-ok", "v6-ok")))
            .build();
    HttpRequest stale =
        deploy
            .stampedAt(Instant.now().minus(Duration.ofMinutes(6)))
            .signedWith(ExampleConfig.SIGNING_SECRET, front.events());
    HttpRequest ahead =
        deploy
            .stampedAt(Instant.now().plus(Duration.ofMinutes(6)))
            .signedWith(ExampleConfig.SIGNING_SECRET, front.events());

    for (HttpRequest refused : new HttpRequest[] {unsigned, wrongSecret, tampered, stale, ahead}) {
      HttpResponse<String> answer = send(refused);
      assertThat(answer.statusCode()).as("%s", refused.headers().map()).isEqualTo(401);
      assertThat(answer.body()).isEqualTo("{\"error\":\"invalid request\"}");
    }
    assertThat(failures()).isEqualTo(before + 5);
    assertThat(front.bot().engine().active()).isEmpty();

    var answered = front.command(DEPLOYS_CHANNEL, BACKEND, "/deploy", "web v1-ok staging");
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body()).contains("Started");
    assertThat(failures()).isEqualTo(before + 5);
  }
}
