package dev.shipmate.commands;

import static org.assertj.core.api.Assertions.assertThat;
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
import dev.shipmate.commands.ParseResult.Parsed;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("CommandGrammar reads every command into its record")
class CommandGrammarTest {
  private final CommandGrammar grammar = new CommandGrammar(Catalogs.several());

  static Stream<Arguments> validCommands() {
    return Stream.of(
        // /deploy
        arguments("/deploy", "web v1.2 prod", new Deploy("web", "v1.2", "prod", false)),
        arguments("/deploy", "web v1.2 prod --dry-run", new Deploy("web", "v1.2", "prod", true)),
        arguments(
            "/deploy", "--dry-run api 1.2.3 staging", new Deploy("api", "1.2.3", "staging", true)),
        arguments("/deploy", "web sha-abc123 prod", new Deploy("web", "sha-abc123", "prod", false)),
        arguments("/deploy", "web latest prod", new Deploy("web", "latest", "prod", false)),
        arguments("/deploy", "WEB V1.2 PROD", new Deploy("web", "V1.2", "prod", false)),
        arguments("/deploy", "history web prod", new DeployHistory("web", "prod")),
        arguments("/deploy", "History worker staging", new DeployHistory("worker", "staging")),
        // /whats-deployed
        arguments("/whats-deployed", "api", new WhatsDeployed("api")),
        // /rollback
        arguments("/rollback", "web prod", new Rollback("web", "prod", Optional.empty())),
        arguments(
            "/rollback", "web prod to v1.1", new Rollback("web", "prod", Optional.of("v1.1"))),
        // /env
        arguments("/env", "up pr-123", new EnvUp(123, Optional.empty(), Optional.empty())),
        arguments("/env", "up #123", new EnvUp(123, Optional.empty(), Optional.empty())),
        arguments("/env", "up 123", new EnvUp(123, Optional.empty(), Optional.empty())),
        arguments("/env", "up PR-7", new EnvUp(7, Optional.empty(), Optional.empty())),
        arguments(
            "/env",
            "up pr-123 --ref 3f2a9c1 --ttl 48h",
            new EnvUp(123, Optional.of("3f2a9c1"), Optional.of(Duration.ofHours(48)))),
        arguments(
            "/env",
            "up --ttl=1h30m pr-123 --ref=release/1.2",
            new EnvUp(123, Optional.of("release/1.2"), Optional.of(Duration.ofMinutes(90)))),
        arguments("/env", "down pr-123", new EnvDown(123)),
        arguments("/env", "extend pr-123 24h", new EnvExtend(123, Duration.ofHours(24))),
        arguments("/env", "extend #9 7d", new EnvExtend(9, Duration.ofDays(7))),
        arguments("/env", "list", new EnvList()),
        // /cutover
        arguments("/cutover", "www 25%", new CutoverShift("www", 25, Optional.empty(), false)),
        arguments("/cutover", "www 0%", new CutoverShift("www", 0, Optional.empty(), false)),
        arguments(
            "/cutover",
            "shop 100% --dry-run",
            new CutoverShift("shop", 100, Optional.empty(), true)),
        arguments(
            "/cutover",
            "www 100% --step 25% --every 10m",
            new CutoverShift(
                "www", 100, Optional.of(new Steps(25, Duration.ofMinutes(10))), false)),
        arguments(
            "/cutover",
            "www 50% --every 1h --step 50% --dry-run",
            new CutoverShift("www", 50, Optional.of(new Steps(50, Duration.ofHours(1))), true)),
        arguments(
            "/cutover",
            "www 0% --step 25% --every 10m",
            new CutoverShift("www", 0, Optional.of(new Steps(25, Duration.ofMinutes(10))), false)),
        arguments("/cutover", "www status", new CutoverStatus("www")),
        arguments("/cutover", "shop abort", new CutoverAbort("shop")),
        // /upgrade
        arguments("/upgrade", "prod-eu 1.31", new Upgrade("prod-eu", "1.31", false)),
        arguments("/upgrade", "prod-eu v1.31", new Upgrade("prod-eu", "1.31", false)),
        arguments("/upgrade", "dev 1.30 --dry-run", new Upgrade("dev", "1.30", true)),
        arguments("/upgrade", "prod-eu status", new UpgradeStatus("prod-eu")),
        arguments("/upgrade", "prod-eu pause", new UpgradePause("prod-eu")),
        arguments("/upgrade", "prod-eu resume", new UpgradeResume("prod-eu")),
        // /drift, /runs, /cancel
        arguments("/drift", "", new Drift(Optional.empty())),
        arguments("/drift", "dev", new Drift(Optional.of("dev"))),
        arguments("/runs", "", new Runs()),
        // change control: quoted reasons are one word
        arguments(
            "/freeze",
            "prod 2h \"release party\"",
            new Command.Freeze(
                "prod", java.time.Duration.ofHours(2), Optional.of("release party"))),
        arguments(
            "/freeze",
            "www 30m \u201Ccutover test\u201D",
            new Command.Freeze(
                "www", java.time.Duration.ofMinutes(30), Optional.of("cutover test"))),
        arguments(
            "/freeze",
            "prod 1h \"release party",
            new Command.Freeze(
                "prod", java.time.Duration.ofHours(1), Optional.of("release party"))),
        arguments(
            "/freeze",
            "prod-eu 1h maintenance",
            new Command.Freeze(
                "prod-eu", java.time.Duration.ofHours(1), Optional.of("maintenance"))),
        arguments(
            "/freeze",
            "prod 1h",
            new Command.Freeze("prod", java.time.Duration.ofHours(1), Optional.empty())),
        arguments("/freeze", "list", new Command.FreezeList()),
        arguments("/unfreeze", "prod", new Command.Unfreeze("prod")),
        arguments(
            "/deploy",
            "web v1.2 prod --break-glass \"hotfix for INC-42\"",
            new Command.Deploy("web", "v1.2", "prod", false, Optional.of("hotfix for INC-42"))),
        arguments(
            "/deploy",
            "--break-glass \"hotfix for INC-42\" web v1.2 prod",
            new Command.Deploy("web", "v1.2", "prod", false, Optional.of("hotfix for INC-42"))),
        arguments(
            "/deploy",
            "web v1.2 staging --queue",
            new Command.Deploy("web", "v1.2", "staging", false, Optional.empty(), true)),
        arguments(
            "/rollback",
            "web prod --queue",
            new Command.Rollback("web", "prod", Optional.empty(), true)),
        arguments(
            "/rollback",
            "web prod to v1.1 --queue",
            new Command.Rollback("web", "prod", Optional.of("v1.1"), true)),
        arguments(
            "/cutover",
            "www 25% --queue",
            new Command.CutoverShift("www", 25, Optional.empty(), false, Optional.empty(), true)),
        arguments(
            "/upgrade",
            "prod-eu 1.31 --queue",
            new Command.Upgrade("prod-eu", "1.31", false, Optional.empty(), true)),
        arguments("/queue", "", new Command.Queue(Optional.empty())),
        arguments("/queue", "staging", new Command.Queue(Optional.of("staging"))),
        arguments("/cancel", "d-4k2p", new Cancel("d-4k2p")),
        arguments("/cancel", "U-4K2PZZ", new Cancel("u-4k2pzz")),
        // help
        arguments("/shipmate", "", new Help(Optional.empty())),
        arguments("/shipmate", "help", new Help(Optional.empty())),
        arguments("/shipmate", "help deploy", new Help(Optional.of("deploy"))),
        arguments("/shipmate", "help /whats-deployed", new Help(Optional.of("whats-deployed"))),
        arguments("/shipmate", "--help", new Help(Optional.empty())),
        arguments("/deploy", "help", new Help(Optional.of("deploy"))),
        arguments("/env", "--help", new Help(Optional.of("env"))),
        arguments("/cutover", "-h", new Help(Optional.of("cutover"))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("validCommands")
  @DisplayName("a valid command becomes exactly its record")
  void readsValidCommands(String slash, String text, Command expected) {
    // given a configuration with several of each name (the field)
    // when
    ParseResult result = grammar.parse(slash, text);
    // then
    assertThat(result).isEqualTo(new Parsed(expected));
  }

  static Stream<Arguments> slackText() {
    Deploy deploy = new Deploy("web", "v1.2", "prod", false);
    Deploy dryRun = new Deploy("web", "v1.2", "prod", true);
    return Stream.of(
        arguments("  web   v1.2\tprod \n", deploy),
        arguments("web\u00a0v1.2\u202fprod", deploy),
        arguments("web\u200b v1.2 prod\ufeff", deploy),
        arguments("\u201cweb\u201d \u2018v1.2\u2019 `prod`", deploy),
        arguments("web v1.2 prod \u2014dry-run", dryRun),
        arguments("web v1.2 prod \u2013dry-run", dryRun),
        arguments("\uff57\uff45\uff42 v1.2 prod", deploy),
        arguments("web v1.2 <https://example.com|prod>", deploy));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slackText")
  @DisplayName("text as Slack and phones send it reads as the plain characters meant")
  void readsSlackText(String text, Command expected) {
    assertThat(grammar.parse("/deploy", text)).isEqualTo(new Parsed(expected));
  }

  @Test
  @DisplayName("Slack's HTML escapes are undone once, and a space or full-width % is forgiven")
  void readsEscapesAndSpacedPercent() {
    assertThat(grammar.parse("/cutover", "www 25 %"))
        .isEqualTo(new Parsed(new CutoverShift("www", 25, Optional.empty(), false)));
    assertThat(grammar.parse("/cutover", "www 25\uff05"))
        .isEqualTo(new Parsed(new CutoverShift("www", 25, Optional.empty(), false)));
    assertThat(grammar.parse("/env", "up 12 --ref v1&amp;lt;2"))
        .isEqualTo(
            new ParseResult.Rejected(
                "`--ref`: 'v1&lt;2' is not a commit sha or tag: write one like 3f2a9c1 or v1.2",
                "Usage: `/env up <pr> [--ref <sha|tag>] [--ttl <duration>]`, e.g. `/env up pr-123"
                    + " --ttl 48h`"));
  }

  @Test
  @DisplayName("the slash command itself is read loosely: case, spaces, a missing slash")
  void readsTheSlashCommandLoosely() {
    assertThat(grammar.parse(" /DEPLOY ", "web v1.2 prod"))
        .isEqualTo(new Parsed(new Deploy("web", "v1.2", "prod", false)));
    assertThat(grammar.parse("runs", null)).isEqualTo(new Parsed(new Runs()));
  }

  @Test
  @DisplayName("every registered slash command is read, and there are exactly ten")
  void everyRegisteredSlashCommandIsKnown() {
    assertThat(CommandGrammar.SLASH_COMMANDS)
        .containsExactly(
            "/deploy",
            "/rollback",
            "/env",
            "/cutover",
            "/upgrade",
            "/drift",
            "/runs",
            "/cancel",
            "/queue",
            "/freeze",
            "/unfreeze",
            "/shipmate",
            "/whats-deployed");
    for (String slash : CommandGrammar.SLASH_COMMANDS) {
      assertThat(grammar.parse(slash, "help")).as(slash).isInstanceOf(Parsed.class);
      assertThat(HelpText.forCommand(slash)).as(slash).isPresent();
    }
  }

  @Test
  @DisplayName("a name typed in another case is read as the configured name")
  void namesIgnoreCase() {
    CommandGrammar mixed =
        new CommandGrammar(
            new Catalog(
                java.util.List.of("Web"),
                java.util.List.of("Prod", "staging"),
                java.util.List.of("c1"),
                java.util.List.of(),
                false));
    assertThat(mixed.parse("/deploy", "web v1 PROD"))
        .isEqualTo(new Parsed(new Deploy("Web", "v1", "Prod", false)));
  }
}
