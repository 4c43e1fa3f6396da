package dev.shipmate.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.BrokenConfig;
import dev.shipmate.bot.testing.CommandRun;
import dev.shipmate.bot.testing.ExampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways {@code serve} refuses to start; none of them gets as far as opening a port. */
class ServeCommandTest {

  private static final String EXAMPLE = ExampleConfig.FILE.toString();

  @Test
  @DisplayName("an invalid configuration: exit 1, every error listed")
  void invalidConfiguration(@TempDir Path folder) throws Exception {
    Path broken = BrokenConfig.writeTo(folder);

    CommandRun run = CommandRun.of(ExampleConfig.ENV, "serve", "--config", broken.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("Shipmate cannot start", "3 errors", "shipmate validate")
        .contains(
            "error: " + BrokenConfig.UNKNOWN_CLUSTER,
            "error: " + BrokenConfig.BAD_MIN_SUCCESS,
            "error: " + BrokenConfig.BAD_SCHEDULE);
  }

  @Test
  @DisplayName("no Slack token nor signing secret: exit 1, naming both and where to set them")
  void missingSecrets() {
    CommandRun run = CommandRun.of(Map.of(), "serve", "--config", EXAMPLE);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("slack.botToken is empty", "SLACK_BOT_TOKEN")
        .contains("slack.signingSecret is empty", "SLACK_SIGNING_SECRET");
  }

  @Test
  @DisplayName("a signing secret alone is not enough")
  void missingToken() {
    Map<String, String> env = new HashMap<>(ExampleConfig.ENV);
    env.remove("SLACK_BOT_TOKEN");

    CommandRun run = CommandRun.of(env, "serve", "--config", EXAMPLE);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("slack.botToken is empty").doesNotContain("signingSecret");
  }

  @Test
  @DisplayName("a missing configuration file: exit 1, saying how to name one")
  void missingFile(@TempDir Path folder) {
    CommandRun run =
        CommandRun.of(Map.of("SHIPMATE_CONFIG", folder.resolve("absent.yaml").toString()), "serve");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("absent.yaml", "does not exist", "--config");
  }

  @Test
  @DisplayName("a PORT that is not a number: exit 1, saying what to set")
  void badPort() {
    Map<String, String> env = new HashMap<>(ExampleConfig.ENV);
    env.put("PORT", "eighty");

    CommandRun run = CommandRun.of(env, "serve", "--config", EXAMPLE);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("PORT is 'eighty'");
  }

  @Test
  @DisplayName("a store that cannot be opened: exit 1, naming it and what to check")
  void unusableStore(@TempDir Path folder) throws Exception {
    // Given an H2 file whose folder cannot exist: a plain file stands where the folder should be
    Path blocker = Files.writeString(folder.resolve("not-a-folder"), "");
    String url = "jdbc:h2:file:" + blocker.resolve("shipmate");
    Map<String, String> env = new HashMap<>(ExampleConfig.ENV);
    env.put("SHIPMATE_DB_URL", url);

    CommandRun run = CommandRun.of(env, "serve", "--config", EXAMPLE);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("Shipmate cannot start: the store at " + url + " could not be opened")
        .contains("Check SHIPMATE_DB_URL");
  }
}
