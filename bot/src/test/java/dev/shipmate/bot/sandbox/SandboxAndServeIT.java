package dev.shipmate.bot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ChildShipmate;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipmate sandbox} and {@code shipmate serve} as two processes, the second started from the
 * env file the first writes, as a developer runs them in two terminals.
 */
class SandboxAndServeIT {

  @Test
  @DisplayName("serve, started from the sandbox's env file, deploys to the simulated cluster")
  void serveWorksOnTheSandbox(@TempDir Path folder) throws Exception {
    Path envFile = folder.resolve("sandbox.env");
    Process sandbox =
        ChildShipmate.builder(
                folder.resolve("sandbox.log"),
                Map.of(),
                "sandbox",
                "--config",
                ExampleConfig.FILE.toString(),
                "--env-file",
                envFile.toString(),
                "--dir",
                folder.resolve("world").toString())
            .start();
    Process serve = null;
    try {
      // Given the sandbox's env file
      Await.until(
          "the sandbox's env file", () -> Files.exists(envFile) && read(envFile).size() > 5);
      Map<String, String> env = new LinkedHashMap<>(read(envFile));
      assertThat(env)
          .containsKeys(
              "KUBECONFIG",
              "AWS_ENDPOINT_URL",
              "AWS_REGION",
              "SLACK_API_URL",
              "SLACK_SIGNING_SECRET",
              "SLACK_BOT_TOKEN",
              "SHIPMATE_CONFIG");
      // The AWS CLI v1 reads AWS_DEFAULT_REGION only
      assertThat(env.get("AWS_DEFAULT_REGION")).isEqualTo(env.get("AWS_REGION")).isNotBlank();
      // The GitHub stand-in answers with the token the file gives: the example's pull request 123
      assertThat(env).containsKeys("GITHUB_TOKEN", "GITHUB_WEBHOOK_SECRET");
      HttpResponse<String> pull =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(env.get("GITHUB_API_URL") + "/repos/acme/web/pulls/123"))
                      .header("Authorization", "Bearer " + env.get("GITHUB_TOKEN"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(pull.statusCode()).isEqualTo(200);
      assertThat(pull.body()).contains("\"sha\"");

      // When serve starts from it (and a store of its own)
      env.put("PORT", "0");
      env.put("SHIPMATE_DB_URL", "jdbc:h2:file:" + folder.resolve("db/shipmate"));
      Path serveLog = folder.resolve("serve.log");
      serve = ChildShipmate.builder(serveLog, env, "serve").start();
      int port = ChildShipmate.awaitPort(serve, serveLog);

      // And a deploy is asked for as Slack asks
      BotResponse answer =
          new SlackClientSimulator(
                  URI.create("http://127.0.0.1:" + port + "/slack/events"),
                  env.get("SLACK_SIGNING_SECRET"))
              .slashCommand("C0DEPLOYS", "U02BE1", "/deploy", "web v1.1 staging");

      // Then serve started a run and changed the sandbox's cluster
      assertThat(answer.body()).contains("Started d-");
      try (KubernetesClient dev =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig("dev", Path.of(env.get("KUBECONFIG")).toFile()))
              .build()) {
        Await.until(
            "staging's web Deployment at v1.1",
            () ->
                dev.apps()
                    .deployments()
                    .inNamespace("staging")
                    .withName("web")
                    .get()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage()
                    .endsWith(":v1.1"));
      }
    } finally {
      if (serve != null) {
        serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      sandbox.destroy();
      assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).as("sandbox stopped on SIGTERM").isTrue();
    }
  }

  /** The env file as the shell reads it: NAME=value, values maybe single-quoted. */
  private static Map<String, String> read(Path envFile) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(envFile)) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          String value = line.substring(equals + 1);
          if (value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1).replace("'\\''", "'");
          }
          values.put(line.substring(0, equals), value);
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return values;
  }
}
