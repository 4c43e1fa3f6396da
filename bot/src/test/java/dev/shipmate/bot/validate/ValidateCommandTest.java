package dev.shipmate.bot.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.BrokenConfig;
import dev.shipmate.bot.testing.CommandRun;
import dev.shipmate.bot.testing.ExampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  private static final String EXAMPLE = ExampleConfig.FILE.toString();

  @Test
  @DisplayName("the example configuration is valid: one summary line on stdout, exit 0")
  void exampleIsValid() {
    CommandRun run = CommandRun.of(ExampleConfig.ENV, "validate", "--config", EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().findFirst())
        .hasValue(
            EXAMPLE
                + ": valid — 4 clusters, 3 environments, 1 service, previews on, 1 cutover,"
                + " drift on");
    assertThat(run.err()).isEmpty();
  }

  @Test
  @DisplayName(
      "without its secrets the example is still valid, and the warnings follow the summary")
  void warningsFollowTheSummary() {
    CommandRun run = CommandRun.of(Map.of(), "validate", "--config", EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().skip(1))
        .isNotEmpty()
        .allMatch(line -> line.startsWith("warning: "));
  }

  @Test
  @DisplayName("--config defaults to $SHIPMATE_CONFIG")
  void configFromEnvironment() {
    CommandRun run = CommandRun.of(Map.of("SHIPMATE_CONFIG", EXAMPLE), "validate");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith(EXAMPLE + ": valid");
  }

  @Test
  @DisplayName("the file may also be named without --config, but not both ways at once")
  void positionalFile() {
    CommandRun positional = CommandRun.of(ExampleConfig.ENV, "validate", EXAMPLE);
    CommandRun both = CommandRun.of(ExampleConfig.ENV, "validate", EXAMPLE, "--config", EXAMPLE);

    assertThat(positional.exitCode()).isZero();
    assertThat(positional.out()).startsWith(EXAMPLE + ": valid");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("either --config FILE or FILE");
  }

  @Test
  @DisplayName("--print adds the effective configuration, with the secrets redacted")
  void printRedactsSecrets() {
    CommandRun run = CommandRun.of(ExampleConfig.ENV, "validate", "--print", "--config", EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("botToken", "signingSecret", "prod-eu", "www.example.com.")
        .doesNotContain(ExampleConfig.BOT_TOKEN, ExampleConfig.SIGNING_SECRET);
  }

  @Test
  @DisplayName("a configuration with three mistakes exits 1 and names each with its path and line")
  void everyErrorIsListed(@TempDir Path folder) throws Exception {
    Path broken = BrokenConfig.writeTo(folder);

    CommandRun run = CommandRun.of(ExampleConfig.ENV, "validate", "--config", broken.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().filter(line -> line.startsWith("error: ")))
        .hasSize(3)
        .anySatisfy(line -> assertThat(line).startsWith("error: " + BrokenConfig.UNKNOWN_CLUSTER))
        .anySatisfy(line -> assertThat(line).startsWith("error: " + BrokenConfig.BAD_MIN_SUCCESS))
        .anySatisfy(line -> assertThat(line).startsWith("error: " + BrokenConfig.BAD_SCHEDULE))
        .allSatisfy(line -> assertThat(line).containsPattern("\\(line \\d+\\): "));
    assertThat(run.err()).contains(broken + ": invalid — 3 errors");
  }

  @Test
  @DisplayName("a missing file exits 1 and says how to name the right one")
  void missingFile(@TempDir Path folder) {
    Path nowhere = folder.resolve("nowhere.yaml");

    CommandRun run = CommandRun.of(Map.of(), "validate", "--config", nowhere.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(nowhere.toString(), "does not exist", "--config", "SHIPMATE_CONFIG");
    assertThat(Files.exists(nowhere)).isFalse();
  }

  @Test
  @DisplayName("an unknown option is a usage error: exit 2, with the usage")
  void unknownOption() {
    CommandRun run = CommandRun.of(Map.of(), "validate", "--strict", "--config", EXAMPLE);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--strict", "Usage:");
    assertThat(run.out()).isEmpty();
  }
}
