package dev.shipmate.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.Main;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.SlackApiStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipmate serve} as its own process, stopped the way Kubernetes stops it: SIGTERM. */
class ServeIT {

  private static final Pattern LISTENING = Pattern.compile("on port (\\d+)");

  @Test
  @DisplayName("serve answers /healthz, then stops gracefully on SIGTERM")
  void servesThenStopsOnSigterm(@TempDir Path folder) throws Exception {
    try (SlackApiStandIn slackApi = SlackApiStandIn.start()) {
      // Given `shipmate serve` started on any free port, against the Slack stand-in
      Path log = folder.resolve("serve.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  testClassPath(),
                  Main.class.getName(),
                  "serve",
                  "--config",
                  ExampleConfig.FILE.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.remove("SHIPMATE_CONFIG");
      env.putAll(ExampleConfig.ENV);
      env.putAll(ExampleConfig.storeIn(folder));
      env.put("PORT", "0");
      env.put("SLACK_API_URL", slackApi.url().toString());
      Process serve = builder.start();
      try {
        int port = awaitPort(serve, log);

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

  /** Failsafe may start tests from a manifest-only jar; this is the real class path then. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Reads the log until serve names its port; fails if serve exits or stays silent. */
  private static int awaitPort(Process serve, Path log) throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 600; attempt++) {
      Matcher matcher = LISTENING.matcher(Files.readString(log));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (serve.waitFor(100, TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    throw new AssertionError(
        "serve did not say which port it listens on:\n" + Files.readString(log));
  }
}
