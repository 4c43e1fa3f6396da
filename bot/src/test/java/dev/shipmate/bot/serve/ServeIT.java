package dev.shipmate.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ChildShipmate;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipmate serve} as its own process, stopped the way Kubernetes stops it: SIGTERM. */
class ServeIT {

  @Test
  @DisplayName("serve answers /healthz, then stops gracefully on SIGTERM")
  void servesThenStopsOnSigterm(@TempDir Path folder) throws Exception {
    try (SimulatedSlack slackApi = ExampleConfig.slack()) {
      // Given `shipmate serve` started on any free port, against the Slack stand-in
      Path log = folder.resolve("serve.log");
      Map<String, String> env = new java.util.HashMap<>(ExampleConfig.ENV);
      env.putAll(ExampleConfig.storeIn(folder));
      env.put("PORT", "0");
      env.put("SLACK_API_URL", slackApi.apiUrl().toString());
      ProcessBuilder builder =
          ChildShipmate.builder(log, env, "serve", "--config", ExampleConfig.FILE.toString());
      Process serve = builder.start();
      try {
        int port = ChildShipmate.awaitPort(serve, log);

        // When it is up, it answers health checks
        HttpResponse<String> health =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        // And when it gets SIGTERM
        serve.destroy();

        // Then it stops its server and exits as a terminated process does
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(serve.exitValue()).isEqualTo(128 + 15);
        assertThat(Files.readString(log))
            .contains("Shipmate is stopping")
            .contains("Shipmate stopped")
            .doesNotContain("Exception");
      } finally {
        serve.destroyForcibly();
      }
    }
  }
}
