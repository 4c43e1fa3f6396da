package dev.shipmate.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.CommandRun;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  @DisplayName("--help lists the subcommands and the environment, and exits 0")
  void help() {
    CommandRun run = CommandRun.of(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "serve", "validate", "sandbox", "local", "SHIPMATE_CONFIG", "SLACK_SIGNING_SECRET");
  }

  @Test
  @DisplayName("--version names the project version")
  void version() {
    CommandRun run = CommandRun.of(Map.of(), "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("shipmate ").doesNotContain("${");
  }

  @Test
  @DisplayName("no subcommand is a usage error (2) that says what to type")
  void noSubcommand() {
    CommandRun run = CommandRun.of(Map.of());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("shipmate serve", "shipmate validate");
  }

  @Test
  @DisplayName("an unknown subcommand is a usage error (2)")
  void unknownSubcommand() {
    CommandRun run = CommandRun.of(Map.of(), "deploy");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("deploy");
  }
}
