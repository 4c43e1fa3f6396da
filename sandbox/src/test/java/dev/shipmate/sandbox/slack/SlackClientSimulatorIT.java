package dev.shipmate.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackClientSimulatorIT {

  private record Received(Map<String, List<String>> headers, String body) {}

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer bot;
  private SlackClientSimulator client;

  @BeforeEach
  void start() throws Exception {
    bot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    bot.createContext(
        "/slack/events",
        exchange -> {
          try (exchange) {
            received.add(
                new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    bot.start();
    client =
        new SlackClientSimulator(
            URI.create("http://127.0.0.1:" + bot.getAddress().getPort() + "/slack/events"), SECRET);
  }

  @AfterEach
  void stop() {
    bot.stop(0);
  }

  private static boolean verifiedByBolt(Received request, String secret) {
    SlackSignature.Verifier verifier =
        new SlackSignature.Verifier(new SlackSignature.Generator(secret));
    return verifier.isValid(
        request.headers.get("X-slack-request-timestamp").get(0),
        request.body,
        request.headers.get("X-slack-signature").get(0));
  }

  @Test
  @DisplayName(
      "a slash command arrives form-encoded and signed so that Bolt's own verifier accepts it")
  void slashCommandIsSigned() {
    assertThat(client.slashCommand("C0DEPLOYS", "U01SRE1", "/deploy", "web v1.2 prod").status())
        .isEqualTo(200);

    Received request = received.get(0);
    assertThat(verifiedByBolt(request, SECRET)).isTrue();
    assertThat(verifiedByBolt(request, "another-secret")).isFalse();
    assertThat(request.headers.get("Content-type"))
        .containsExactly("application/x-www-form-urlencoded");
    assertThat(request.body)
        .contains(
            "command=%2Fdeploy", "text=web+v1.2+prod", "channel_id=C0DEPLOYS", "user_id=U01SRE1");
    assertThat(request.headers).doesNotContainKey("X-slack-retry-num");
  }

  @Test
  @DisplayName(
      "a button click arrives as payload=<block_actions JSON>, signed, and a retry says which it is")
  void blockActionIsSigned() {
    String body =
        client.blockActionBody("C0PROD", "U01SRE2", "1767603600.000100", "approve", "d-4k2p");
    client.send(body, 1);

    Received request = received.get(0);
    assertThat(verifiedByBolt(request, SECRET)).isTrue();
    assertThat(request.headers.get("X-slack-retry-num")).containsExactly("1");
    String payload =
        URLDecoder.decode(request.body.substring("payload=".length()), StandardCharsets.UTF_8);
    assertThat(payload)
        .contains(
            "\"type\":\"block_actions\"",
            "\"action_id\":\"approve\"",
            "\"value\":\"d-4k2p\"",
            "\"message_ts\":\"1767603600.000100\"");
  }
}
