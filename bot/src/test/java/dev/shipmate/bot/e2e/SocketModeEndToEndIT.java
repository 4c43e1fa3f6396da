package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.serve.SlackTokenRejectedException;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slack.mode: socket}: the bot connects to the Slack stand-in's Socket Mode (an {@code
 * apps.connections.open} ticket, then a WebSocket speaking Slack's envelopes) and takes commands
 * and clicks there, acknowledging each envelope with what it would have answered over HTTP; {@code
 * /slack/events} is not served at all.
 */
@DisplayName("Socket Mode, end to end")
class SocketModeEndToEndIT {
  private static final String APPROVE = SlackRenderer.actionId(RunActionKind.APPROVE);
  private static final String SRE = "U01SRE1";
  private static final String OTHER_SRE = "U01SRE2";
  private static final String BACKEND_DEVELOPER = "U02BE1";
  private static final String DEPLOYS_CHANNEL = "C0DEPLOYS";
  private static final String PROD_CHANNEL = "C0PROD";

  /** The example, in Socket Mode; prod without its confirmation, so that a command starts it. */
  private static final UnaryOperator<String> SOCKET_MODE =
      yaml ->
          yaml.replace("slack:\n", "slack:\n  mode: socket\n  appToken: ${SLACK_APP_TOKEN:-}\n")
              .replace("    confirm: true", "    confirm: false");

  @TempDir Path data;

  private E2eWorld e2e;

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "commands and clicks arrive as envelopes and are acknowledged with the bot's answer;"
          + " a refreshed connection is opened again; /slack/events is not served")
  void commandsAndClicksOverSocketMode() throws Exception {
    e2e = E2eWorld.onExampleConfig(SOCKET_MODE).start(data);
    e2e.slack().socketMode().awaitConnections(1, Duration.ofSeconds(10));

    // A command: the acknowledgement carries the answer, the card goes to the channel
    BotResponse started =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 staging");
    assertThat(started.body()).contains("Started d-").contains("deploy web v1.1 to staging");
    SlackMessage staging = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(started));
    e2e.awaitOutcome(staging, "succeeded");
    assertThat(e2e.image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.1");

    // A click: another sre approves a prod deploy on its card
    BotResponse waiting = e2e.command(PROD_CHANNEL, SRE, "/deploy", "web v1.2 prod");
    assertThat(waiting.body()).contains("waits for 1 approval");
    SlackMessage prod = e2e.card(PROD_CHANNEL, E2eWorld.runId(waiting));
    Await.until(
        "an Approve button on the card",
        () ->
            e2e.slack()
                .message(PROD_CHANNEL, prod.ts())
                .filter(m -> SlackCards.hasButton(m, APPROVE))
                .isPresent());
    e2e.click(OTHER_SRE, prod, APPROVE);
    e2e.awaitOutcome(prod, "succeeded");
    assertThat(e2e.image("prod-eu", "prod", "web")).isEqualTo("registry.example.com/acme/web:v1.2");

    // Slack recycles the connection: the bot opens a new one and goes on answering
    e2e.slack().socketMode().refreshAll();
    Await.until(
        "a new connection after the refresh",
        () -> e2e.slack().socketMode().connections() >= 1 && answers(e2e),
        Duration.ofSeconds(30));

    // Nothing may post to /slack/events: a correctly signed request finds no such endpoint
    // (Jetty's default servlet answers a POST to a path it does not serve with 405)
    BotResponse posted =
        new SlackClientSimulator(e2e.events(), e2e.slack())
            .slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/shipmate", "help");
    assertThat(posted.status()).isIn(404, 405);
    assertThat(posted.body()).doesNotContain("/deploy");
  }

  @Test
  @DisplayName("a wrong app-level token stops the bot from starting, saying which variable to set")
  void wrongAppToken() {
    assertThatThrownBy(
            () ->
                E2eWorld.onExampleConfig(
                        SOCKET_MODE.andThen(
                                yaml ->
                                    yaml.replace(
                                        "appToken: ${SLACK_APP_TOKEN:-}",
                                        "appToken: xapp-1-revoked"))
                            ::apply)
                    .start(data))
        .isInstanceOf(SlackTokenRejectedException.class)
        .hasMessageContaining("invalid_auth")
        .hasMessageContaining("SLACK_APP_TOKEN");
  }

  /** Whether the bot answers {@code /shipmate help} over Socket Mode now. */
  private static boolean answers(E2eWorld e2e) {
    try {
      return e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/shipmate", "help")
          .body()
          .contains("/deploy");
    } catch (RuntimeException notYet) {
      return false;
    }
  }
}
