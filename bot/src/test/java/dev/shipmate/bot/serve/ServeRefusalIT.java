package dev.shipmate.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.CommandRun;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways {@code serve} refuses to start that only show once it talks to the world. */
class ServeRefusalIT {

  @TempDir Path folder;

  private Map<String, String> env(SimulatedSlack slackApi, int port) {
    Map<String, String> env = new HashMap<>(ExampleConfig.ENV);
    env.putAll(ExampleConfig.storeIn(folder));
    env.put("SLACK_API_URL", slackApi.apiUrl().toString());
    env.put("PORT", Integer.toString(port));
    return env;
  }

  @Test
  @DisplayName("Slack does not confirm the bot token: exit 1, naming the variables to check")
  void tokenRejected() throws Exception {
    // A workspace that does not know the bot's token, as for a wrong or revoked one
    try (SimulatedSlack slackApi =
        SimulatedSlack.start(
            Clock.systemUTC(),
            "xoxb-a-token-of-another-app",
            ExampleConfig.SIGNING_SECRET,
            "127.0.0.1",
            0)) {
      CommandRun run =
          CommandRun.of(env(slackApi, 0), "serve", "--config", ExampleConfig.FILE.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains("Shipmate cannot start", "did not confirm the bot token", "invalid_auth")
          .contains("SLACK_BOT_TOKEN", "SLACK_API_URL")
          .doesNotContain("Exception");
      assertThat(slackApi.calls()).extracting(SlackCall::method).containsOnly("auth.test");
    }
  }

  @Test
  @DisplayName("the port is taken: exit 1, saying to set PORT")
  void portTaken() throws Exception {
    try (SimulatedSlack slackApi = ExampleConfig.slack();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      CommandRun run =
          CommandRun.of(
              env(slackApi, taken.getLocalPort()),
              "serve",
              "--config",
              ExampleConfig.FILE.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains("cannot listen on port " + taken.getLocalPort(), "set PORT")
          .doesNotContain("Exception");
    }
  }
}
