package dev.shipmate.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.shipmate.commands.Command.Cancel;
import dev.shipmate.commands.Command.CutoverAbort;
import dev.shipmate.commands.Command.CutoverShift;
import dev.shipmate.commands.Command.CutoverShift.Steps;
import dev.shipmate.commands.Command.CutoverStatus;
import dev.shipmate.commands.Command.Deploy;
import dev.shipmate.commands.Command.DeployHistory;
import dev.shipmate.commands.Command.Drift;
import dev.shipmate.commands.Command.EnvDown;
import dev.shipmate.commands.Command.EnvExtend;
import dev.shipmate.commands.Command.EnvList;
import dev.shipmate.commands.Command.EnvUp;
import dev.shipmate.commands.Command.Help;
import dev.shipmate.commands.Command.Rollback;
import dev.shipmate.commands.Command.Runs;
import dev.shipmate.commands.Command.Upgrade;
import dev.shipmate.commands.Command.UpgradePause;
import dev.shipmate.commands.Command.UpgradeResume;
import dev.shipmate.commands.Command.UpgradeStatus;
import dev.shipmate.commands.Command.WhatsDeployed;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A command echoes what was understood, and writes itself out in full")
class CommandSummaryTest {

  static Stream<Arguments> commands() {
    Steps quarterly = new Steps(25, Duration.ofMinutes(10));
    return Stream.of(
        arguments(
            new Deploy("web", "v1.2", "prod", true),
            "deploy web v1.2 to prod (dry run)",
            "/deploy web v1.2 prod --dry-run"),
        arguments(
            new Deploy("web", "v1.2", "prod", false),
            "deploy web v1.2 to prod",
            "/deploy web v1.2 prod"),
        arguments(
            new DeployHistory("web", "prod"),
            "deploy history of web in prod",
            "/deploy history web prod"),
        arguments(
            new WhatsDeployed("web"),
            "what is deployed of web in each environment",
            "/whats-deployed web"),
        arguments(
            new Rollback("web", "prod", Optional.empty()),
            "roll back web in prod to the previous version",
            "/rollback web prod"),
        arguments(
            new Rollback("web", "prod", Optional.of("v1.1")),
            "roll back web in prod to v1.1",
            "/rollback web prod to v1.1"),
        arguments(
            new EnvUp(123, Optional.empty(), Optional.empty()),
            "preview environment up for PR #123",
            "/env up pr-123"),
        arguments(
            new EnvUp(123, Optional.of("3f2a9c1"), Optional.of(Duration.ofHours(36))),
            "preview environment up for PR #123 at 3f2a9c1, for 1d12h",
            "/env up pr-123 --ref 3f2a9c1 --ttl 1d12h"),
        arguments(new EnvDown(123), "preview environment down for PR #123", "/env down pr-123"),
        arguments(
            new EnvExtend(123, Duration.ofHours(24)),
            "extend the preview environment for PR #123 by 1d",
            "/env extend pr-123 1d"),
        arguments(new EnvList(), "list the preview environments", "/env list"),
        arguments(
            new CutoverShift("www", 25, Optional.empty(), false),
            "cut over www: 25% of traffic to green",
            "/cutover www 25%"),
        arguments(
            new CutoverShift("www", 100, Optional.of(quarterly), true),
            "cut over www: 100% of traffic to green, 25% every 10m (dry run)",
            "/cutover www 100% --step 25% --every 10m --dry-run"),
        arguments(new CutoverStatus("www"), "status of the cutover www", "/cutover www status"),
        arguments(
            new CutoverAbort("www"),
            "abort the cutover www and send its traffic back to blue",
            "/cutover www abort"),
        arguments(
            new Upgrade("prod-eu", "1.31", true),
            "upgrade prod-eu to Kubernetes 1.31 (dry run)",
            "/upgrade prod-eu 1.31 --dry-run"),
        arguments(
            new UpgradeStatus("prod-eu"),
            "status of the upgrade of prod-eu",
            "/upgrade prod-eu status"),
        arguments(
            new UpgradePause("prod-eu"), "pause the upgrade of prod-eu", "/upgrade prod-eu pause"),
        arguments(
            new UpgradeResume("prod-eu"),
            "resume the upgrade of prod-eu",
            "/upgrade prod-eu resume"),
        arguments(new Drift(Optional.empty()), "drift report for every cluster", "/drift"),
        arguments(new Drift(Optional.of("dev")), "drift report for dev", "/drift dev"),
        arguments(new Runs(), "list the runs in progress", "/runs"),
        arguments(new Cancel("d-4k2p"), "cancel the run d-4k2p", "/cancel d-4k2p"),
        arguments(new Help(Optional.empty()), "help", "/shipmate help"),
        arguments(new Help(Optional.of("env")), "help for /env", "/shipmate help env"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("commands")
  @DisplayName("summary() and commandLine() of each command")
  void summaryAndCommandLine(Command command, String summary, String commandLine) {
    assertThat(command.summary()).isEqualTo(summary);
    assertThat(command.commandLine()).isEqualTo(commandLine);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("commands")
  @DisplayName("the command line reads back as the same command")
  void commandLineReadsBack(Command command, String summary, String commandLine) {
    CommandGrammar grammar = new CommandGrammar(Catalogs.several());
    int space = commandLine.indexOf(' ');
    String slash = space < 0 ? commandLine : commandLine.substring(0, space);
    String text = space < 0 ? "" : commandLine.substring(space + 1);

    assertThat(grammar.parse(slash, text)).isEqualTo(new ParseResult.Parsed(command));
  }

  @Test
  @DisplayName("records refuse values the grammar never makes")
  void recordsGuardTheirValues() {
    assertThatThrownBy(() -> new EnvDown(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CutoverShift("www", 101, Optional.empty(), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new CutoverShift(
                    "www", 10, Optional.of(new Steps(0, Duration.ofMinutes(1))), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Deploy(" ", "v1", "prod", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EnvExtend(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
