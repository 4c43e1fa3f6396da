package dev.shipmate.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.shipmate.commands.Command.CutoverAbort;
import dev.shipmate.commands.Command.CutoverShift;
import dev.shipmate.commands.Command.CutoverShift.Steps;
import dev.shipmate.commands.Command.CutoverStatus;
import dev.shipmate.commands.Command.Deploy;
import dev.shipmate.commands.Command.DeployHistory;
import dev.shipmate.commands.Command.Drift;
import dev.shipmate.commands.Command.Rollback;
import dev.shipmate.commands.Command.Upgrade;
import dev.shipmate.commands.Command.UpgradePause;
import dev.shipmate.commands.Command.UpgradeResume;
import dev.shipmate.commands.Command.UpgradeStatus;
import dev.shipmate.commands.Command.WhatsDeployed;
import dev.shipmate.commands.ParseResult.Parsed;
import dev.shipmate.commands.ParseResult.Rejected;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A name may be left out when the configuration has only one of its kind")
class NameOmissionTest {

  static Stream<Arguments> omissions() {
    return Stream.of(
        // one service, one environment, one cluster, one cutover
        arguments("/cutover", "25%", new CutoverShift("www", 25, Optional.empty(), false)),
        arguments(
            "/cutover",
            "100% --step 25% --every 10m",
            new CutoverShift(
                "www", 100, Optional.of(new Steps(25, Duration.ofMinutes(10))), false)),
        arguments("/cutover", "status", new CutoverStatus("www")),
        arguments("/cutover", "abort", new CutoverAbort("www")),
        arguments("/cutover", "www 25%", new CutoverShift("www", 25, Optional.empty(), false)),
        arguments("/upgrade", "1.31", new Upgrade("prod-eu", "1.31", false)),
        arguments("/upgrade", "v1.31 --dry-run", new Upgrade("prod-eu", "1.31", true)),
        arguments("/upgrade", "status", new UpgradeStatus("prod-eu")),
        arguments("/upgrade", "pause", new UpgradePause("prod-eu")),
        arguments("/upgrade", "resume", new UpgradeResume("prod-eu")),
        arguments("/deploy", "web v1.2", new Deploy("web", "v1.2", "prod", false)),
        arguments("/deploy", "v1.2 prod", new Deploy("web", "v1.2", "prod", false)),
        arguments("/deploy", "v1.2", new Deploy("web", "v1.2", "prod", false)),
        arguments("/deploy", "v1.2 --dry-run", new Deploy("web", "v1.2", "prod", true)),
        arguments("/deploy", "history", new DeployHistory("web", "prod")),
        arguments("/whats-deployed", "", new WhatsDeployed("web")),
        arguments("/rollback", "", new Rollback("web", "prod", Optional.empty())),
        arguments("/rollback", "web", new Rollback("web", "prod", Optional.empty())),
        arguments("/rollback", "to v1.1", new Rollback("web", "prod", Optional.of("v1.1"))),
        // a drift report without a cluster stays a report on every cluster
        arguments("/drift", "", new Drift(Optional.empty())),
        arguments("/drift", "prod-eu", new Drift(Optional.of("prod-eu"))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("omissions")
  @DisplayName("the only name of its kind is filled in")
  void fillsInTheOnlyName(String slash, String text, Command expected) {
    // given one service, environment, cluster and cutover
    CommandGrammar grammar = new CommandGrammar(Catalogs.single());
    // when
    ParseResult result = grammar.parse(slash, text);
    // then
    assertThat(result).isEqualTo(new Parsed(expected));
  }

  static Stream<Arguments> stillNeeded() {
    return Stream.of(
        arguments("/cutover", "25%", "missing the cutover (known: www, shop)"),
        arguments("/cutover", "status", "missing the cutover (known: www, shop)"),
        arguments("/upgrade", "1.31", "missing the cluster (known: prod-eu, dev)"),
        arguments("/upgrade", "pause", "missing the cluster (known: prod-eu, dev)"),
        arguments("/deploy", "web v1.2", "missing the environment (known: staging, prod)"),
        arguments("/rollback", "web", "missing the environment (known: staging, prod)"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stillNeeded")
  @DisplayName("with several of a kind, the name is still needed, and the message lists them")
  void needsTheNameWhenThereAreSeveral(String slash, String text, String reason) {
    CommandGrammar grammar = new CommandGrammar(Catalogs.several());

    ParseResult result = grammar.parse(slash, text);

    assertThat(result).isInstanceOf(Rejected.class);
    assertThat(((Rejected) result).reason()).isEqualTo(reason);
  }

  @Test
  @DisplayName("a name typed wrong is not replaced by the only one: it is reported")
  void aWrongNameIsReportedNotReplaced() {
    CommandGrammar grammar = new CommandGrammar(Catalogs.single());

    assertThat(((Rejected) grammar.parse("/cutover", "ww 25%")).reason())
        .isEqualTo("no cutover 'ww' — did you mean 'www'?");
    assertThat(((Rejected) grammar.parse("/upgrade", "staging 1.31")).reason())
        .isEqualTo("no cluster 'staging' (known: prod-eu)");
  }

  @Test
  @DisplayName("leaving out a name does not change what a full command means")
  void omissionAgreesWithTheFullCommand() {
    CommandGrammar grammar = new CommandGrammar(Catalogs.single());

    for (String[] pair :
        List.of(
            new String[] {"/cutover", "25%", "www 25%"},
            new String[] {"/upgrade", "1.31", "prod-eu 1.31"},
            new String[] {"/deploy", "v1.2", "web v1.2 prod"})) {
      assertThat(grammar.parse(pair[0], pair[1])).isEqualTo(grammar.parse(pair[0], pair[2]));
    }
  }
}
