package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code freezes:} — what it reads, and each mistake with its path and line. */
@DisplayName("freezes in the configuration")
class FreezesConfigTest {
  private static final String TARGETS =
      """
      clusters:
        prod-eu: { context: prod-eu }
      environments:
        prod: { cluster: prod-eu, namespace: prod }
      cutovers:
        www:
          zone: Z0EXAMPLE
          record: www.example.com.
          type: CNAME
          blue: blue
          green: green
          health: { url: https://green.example.com/healthz }
      """;

  private static List<FreezeWindow> freezes(String yaml) {
    LoadResult result = parse(TARGETS + yaml);
    assertThat(errors(result)).isEmpty();
    return result.config().orElseThrow().freezes();
  }

  private static List<String> freezeErrors(String yaml) {
    return errors(TARGETS + yaml);
  }

  @Test
  @DisplayName("a weekly window reads its weekdays, times and zone, and blocks all but rollback")
  void weekly() {
    List<FreezeWindow> windows =
        freezes(
            """
            freezes:
              weekend:
                reason: No production changes at the weekend
                environments: [prod]
                weekly: { from: "FRI 15:00", until: "MON 07:00" }
                zone: Europe/Berlin
            """);

    assertThat(windows).hasSize(1);
    FreezeWindow weekend = windows.get(0);
    assertThat(weekend.name()).isEqualTo("weekend");
    assertThat(weekend.reason()).isEqualTo("No production changes at the weekend");
    assertThat(weekend.scope().environments()).containsExactly("prod");
    assertThat(weekend.blocks())
        .isEqualTo(FreezeBlock.DEFAULT)
        .doesNotContain(FreezeBlock.ROLLBACK);
    assertThat(weekend.timing())
        .isEqualTo(
            new FreezeTiming.Weekly(
                DayOfWeek.FRIDAY,
                LocalTime.of(15, 0),
                DayOfWeek.MONDAY,
                LocalTime.of(7, 0),
                ZoneId.of("Europe/Berlin")));
    assertThat(((FreezeTiming.Weekly) weekend.timing()).spanDays()).isEqualTo(3);
  }

  @Test
  @DisplayName("a cron window, a one-off window with an offset, '*' and explicit blocks")
  void cronAndOneOff() {
    List<FreezeWindow> windows =
        freezes(
            """
            freezes:
              nightly:
                reason: nightly batch
                clusters: ["*"]
                cron: "0 0 22 ? * MON-FRI"
                for: 8h
                zone: Europe/Berlin
                blocks: [upgrade, rollback]
              black-friday:
                reason: Black Friday
                cutovers: [www]
                from: 2026-11-27T00:00
                until: 2026-11-30T09:00
                zone: America/New_York
            """);

    assertThat(windows.get(0).timing())
        .isEqualTo(
            new FreezeTiming.Cron(
                "0 0 22 ? * MON-FRI", Duration.ofHours(8), ZoneId.of("Europe/Berlin")));
    assertThat(windows.get(0).blocks())
        .isEqualTo(Set.of(FreezeBlock.UPGRADE, FreezeBlock.ROLLBACK));
    assertThat(windows.get(0).scope().coversCluster("anything")).isTrue();
    assertThat(windows.get(1).timing())
        .isEqualTo(
            new FreezeTiming.OneOff(
                Instant.parse("2026-11-27T05:00:00Z"), Instant.parse("2026-11-30T14:00:00Z")));
  }

  @Test
  @DisplayName("an unknown target is named with its path and a 'did you mean'")
  void unknownTarget() {
    assertThat(
            freezeErrors(
                """
                freezes:
                  weekend:
                    reason: weekend
                    environments: [prd]
                    weekly: { from: "FRI 15:00", until: "MON 07:00" }
                    zone: Europe/Berlin
                """))
        .containsExactly(
            "freezes.weekend.environments[0] (line 16): no environment named 'prd': did you mean"
                + " 'prod'?");
  }

  @Test
  @DisplayName("a recurring window without a zone, and a bad weekday time, say what to write")
  void zoneAndDayTime() {
    assertThat(
            freezeErrors(
                """
                freezes:
                  weekend:
                    reason: weekend
                    environments: [prod]
                    weekly: { from: "Friday 3pm", until: "MON 07:00" }
                """))
        .containsExactly(
            "freezes.weekend (line 14): missing 'zone': a time zone like Europe/Berlin or UTC"
                + " (recurring times are wall-clock times)",
            "freezes.weekend.weekly.from (line 17): 'Friday 3pm' is not a weekday and a time,"
                + " like \"FRI 15:00\"");
  }

  @Test
  @DisplayName("no timing, two timings, no target, no reason, a bad zone and a bad block")
  void mistakes() {
    assertThat(
            freezeErrors(
                """
                freezes:
                  none:
                    reason: nothing
                    environments: [prod]
                  both:
                    reason: both
                    environments: [prod]
                    cron: "0 0 22 ? * *"
                    for: 1h
                    from: 2026-11-27T00:00
                    until: 2026-11-28T00:00
                    zone: UTC
                  nothing-covered:
                    reason: x
                    from: 2026-11-27T00:00+01:00
                    until: 2026-11-28T00:00+01:00
                  odd:
                    environments: [prod]
                    cron: "0 0 22 ? * *"
                    for: 1h
                    zone: Mars/Olympus
                    blocks: [deploys]
                """))
        .containsExactly(
            "freezes.none.weekly (line 14): when is it in force? weekly: { from: \"FRI 15:00\","
                + " until: \"MON 07:00\" }, cron: \"0 0 22 ? * *\" with for: 8h, or from: and"
                + " until: (2026-12-24T00:00) for once",
            "freezes.both.from (line 22): give exactly one of these: weekly: { from: \"FRI"
                + " 15:00\", until: \"MON 07:00\" }, cron: \"0 0 22 ? * *\" with for: 8h, or"
                + " from: and until: (2026-12-24T00:00) for once",
            "freezes.nothing-covered.environments (line 25): a freeze covers something: name"
                + " environments:, clusters: or cutovers: (\"*\" for all of a kind), e.g."
                + " environments: [prod]",
            "freezes.odd (line 29): missing 'reason': what people are told when it stops them,"
                + " e.g. reason: release party",
            "freezes.odd.zone (line 33): 'Mars/Olympus' is not a time zone: use a time zone like"
                + " Europe/Berlin or UTC",
            "freezes.odd.blocks[0] (line 34): 'deploys' is not something a freeze blocks: use"
                + " deploy, rollback, cutover, upgrade, previews");
  }
}
