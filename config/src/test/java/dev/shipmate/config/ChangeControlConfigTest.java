package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code inFlight:} and {@code watchdogs:}, with the path and line of each mistake. */
class ChangeControlConfigTest {

  @Test
  @DisplayName("by default upgrades pause in a freeze and everything else finishes")
  void inFlightDefaults() {
    InFlightRules rules = parse("groups: {}\n").orThrow().inFlight();

    assertThat(rules.of(FreezeBlock.UPGRADE)).isEqualTo(InFlightRule.PAUSE);
    assertThat(rules.of(FreezeBlock.DEPLOY)).isEqualTo(InFlightRule.FINISH);
    assertThat(rules.of(FreezeBlock.CUTOVER)).isEqualTo(InFlightRule.FINISH);
    assertThat(rules.of(FreezeBlock.ROLLBACK)).isEqualTo(InFlightRule.FINISH);
    assertThat(rules.of(FreezeBlock.PREVIEWS)).isEqualTo(InFlightRule.FINISH);
  }

  @Test
  @DisplayName("a rule per kind is read as written; one left out keeps its default")
  void inFlightWritten() {
    InFlightRules rules =
        parse("inFlight: { deploy: pause, cutover: Pause }\n").orThrow().inFlight();

    assertThat(rules.of(FreezeBlock.DEPLOY)).isEqualTo(InFlightRule.PAUSE);
    assertThat(rules.of(FreezeBlock.CUTOVER)).isEqualTo(InFlightRule.PAUSE);
    assertThat(rules.of(FreezeBlock.UPGRADE)).isEqualTo(InFlightRule.PAUSE);
    assertThat(
            parse("inFlight: { upgrade: finish }\n").orThrow().inFlight().of(FreezeBlock.UPGRADE))
        .isEqualTo(InFlightRule.FINISH);
  }

  @Test
  @DisplayName("a word that is no rule, and a kind that is none, are refused with what to write")
  void inFlightMistakes() {
    assertThat(errors("inFlight:\n  upgrade: wait\n"))
        .containsExactly(
            "inFlight.upgrade (line 2): 'wait' is not a rule: use pause (finish the current step,"
                + " or node, and wait for the freeze to end) or finish (let the run finish)");
    assertThat(errors("inFlight:\n  upgrades: pause\n"))
        .containsExactly(
            "inFlight.upgrades (line 2): unknown key 'upgrades': the kinds are those a freeze"
                + " blocks: 'upgrade'");
  }

  @Test
  @DisplayName("the watchdogs look every minute, flag a step after 3x its usual time or 1h")
  void watchdogDefaults() {
    Watchdogs watchdogs = parse("groups: {}\n").orThrow().watchdogs();

    assertThat(watchdogs).isEqualTo(Watchdogs.DEFAULTS);
    assertThat(watchdogs.every()).isEqualTo(Duration.ofMinutes(1));
    assertThat(watchdogs.stuckFactor()).isEqualTo(3);
    assertThat(watchdogs.stuckAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(watchdogs.approvalTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(watchdogs.previewWarning()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  @DisplayName("every watchdog setting is read as written")
  void watchdogsWritten() {
    String yaml =
        """
        watchdogs:
          every: 30s
          stuckFactor: 5
          stuckAfter: 2h
          approvalTimeout: 4h
          previewWarning: 3h
        """;

    assertThat(parse(yaml).orThrow().watchdogs())
        .isEqualTo(
            new Watchdogs(
                Duration.ofSeconds(30),
                5,
                Duration.ofHours(2),
                Duration.ofHours(4),
                Duration.ofHours(3)));
  }

  @Test
  @DisplayName("a factor below 1, and a watchdog slower than stuckAfter, are refused")
  void watchdogMistakes() {
    assertThat(errors("watchdogs:\n  stuckFactor: 0\n"))
        .containsExactly(
            "watchdogs.stuckFactor (line 2): expected 1 or more how many times a step's usual"
                + " time, got 0");
    assertThat(errors("watchdogs:\n  every: 2h\n"))
        .containsExactly(
            "watchdogs.every (line 2): the watchdog would look less often than a run may stay"
                + " stuck: make every (2h) at most stuckAfter (1h)");
  }
}
