package dev.shipmate.engine.freeze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeScope;
import dev.shipmate.config.FreezeTiming;
import dev.shipmate.config.FreezeWindow;
import dev.shipmate.engine.testing.ManualClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which configured windows are in force as a manual clock moves, across changes of summer time. */
@DisplayName("the freeze calendar")
class FreezeCalendarTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final FreezeScope PROD = new FreezeScope(List.of("prod"), List.of(), List.of());

  private static FreezeWindow window(String name, FreezeTiming timing) {
    return new FreezeWindow(name, "because", PROD, timing, FreezeBlock.DEFAULT);
  }

  private static Optional<ActiveFreeze> at(FreezeWindow window, ManualClock clock) {
    return FreezeCalendar.occurrenceAt(window, clock.instant());
  }

  @Test
  @DisplayName("a weekly window opens on its weekday's time and closes on the other's")
  void weeklyOpensAndCloses() {
    FreezeWindow weekend =
        window(
            "weekend",
            new FreezeTiming.Weekly(
                DayOfWeek.FRIDAY,
                LocalTime.of(15, 0),
                DayOfWeek.MONDAY,
                LocalTime.of(7, 0),
                BERLIN));
    // Friday 2027-01-08, 13:59 UTC = 14:59 in Berlin (winter, UTC+1)
    ManualClock clock = new ManualClock(Instant.parse("2027-01-08T13:59:00Z"));
    assertThat(at(weekend, clock)).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    ActiveFreeze open = at(weekend, clock).orElseThrow();
    assertThat(open.from()).isEqualTo(Instant.parse("2027-01-08T14:00:00Z"));
    assertThat(open.until()).isEqualTo(Instant.parse("2027-01-11T06:00:00Z"));
    assertThat(open.name()).isEqualTo("weekend");
    assertThat(open.configured()).isTrue();

    clock.set(Instant.parse("2027-01-11T05:59:59Z"));
    assertThat(at(weekend, clock)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(at(weekend, clock)).isEmpty();
    // and again the next week
    clock.set(Instant.parse("2027-01-15T14:00:00Z"));
    assertThat(at(weekend, clock).map(ActiveFreeze::until))
        .contains(Instant.parse("2027-01-18T06:00:00Z"));
  }

  @Test
  @DisplayName(
      "a weekly window over the last Sunday of March keeps its wall-clock hours: an hour shorter")
  void weeklyAcrossSpringForward() {
    // Saturday 22:00 until Sunday 06:00 in Berlin; on 2027-03-28 the clocks go from 02:00 to 03:00.
    FreezeWindow night =
        window(
            "night",
            new FreezeTiming.Weekly(
                DayOfWeek.SATURDAY,
                LocalTime.of(22, 0),
                DayOfWeek.SUNDAY,
                LocalTime.of(6, 0),
                BERLIN));
    ManualClock clock = new ManualClock(Instant.parse("2027-03-27T21:00:00Z")); // 22:00 CET
    ActiveFreeze open = at(night, clock).orElseThrow();
    assertThat(open.from()).isEqualTo(Instant.parse("2027-03-27T21:00:00Z"));
    assertThat(open.until()).isEqualTo(Instant.parse("2027-03-28T04:00:00Z")); // 06:00 CEST
    assertThat(Duration.between(open.from(), open.until())).isEqualTo(Duration.ofHours(7));

    clock.set(Instant.parse("2027-03-28T03:59:00Z"));
    assertThat(at(night, clock)).isPresent();
    clock.set(Instant.parse("2027-03-28T04:00:00Z"));
    assertThat(at(night, clock)).isEmpty();
    // A week later, in summer time: 22:00 CEST is 20:00 UTC.
    clock.set(Instant.parse("2027-04-03T19:59:00Z"));
    assertThat(at(night, clock)).isEmpty();
    clock.set(Instant.parse("2027-04-03T20:00:00Z"));
    assertThat(at(night, clock)).isPresent();
  }

  @Test
  @DisplayName("a weekly window over the last Sunday of October is an hour longer")
  void weeklyAcrossFallBack() {
    FreezeWindow night =
        window(
            "night",
            new FreezeTiming.Weekly(
                DayOfWeek.SATURDAY,
                LocalTime.of(22, 0),
                DayOfWeek.SUNDAY,
                LocalTime.of(6, 0),
                BERLIN));
    // 2027-10-31: the clocks go back from 03:00 to 02:00.
    ManualClock clock = new ManualClock(Instant.parse("2027-10-30T20:00:00Z")); // 22:00 CEST
    ActiveFreeze open = at(night, clock).orElseThrow();
    assertThat(open.until()).isEqualTo(Instant.parse("2027-10-31T05:00:00Z")); // 06:00 CET
    assertThat(Duration.between(open.from(), open.until())).isEqualTo(Duration.ofHours(9));
    clock.set(Instant.parse("2027-10-31T04:30:00Z")); // 05:30 CET, still frozen
    assertThat(at(night, clock)).isPresent();
  }

  @Test
  @DisplayName("a cron window follows its zone's summer time, and lasts its length")
  void cronAcrossSpringForward() {
    // Every day at 01:00 Berlin time, for 3 hours.
    FreezeWindow nightly =
        window("nightly", new FreezeTiming.Cron("0 0 1 ? * *", Duration.ofHours(3), BERLIN));
    ManualClock clock = new ManualClock(Instant.parse("2027-03-27T00:00:00Z")); // 01:00 CET
    ActiveFreeze saturday = at(nightly, clock).orElseThrow();
    assertThat(saturday.from()).isEqualTo(Instant.parse("2027-03-27T00:00:00Z"));
    assertThat(saturday.until()).isEqualTo(Instant.parse("2027-03-27T03:00:00Z"));
    clock.set(Instant.parse("2027-03-27T03:00:00Z"));
    assertThat(at(nightly, clock)).isEmpty();

    // On Sunday 01:00 is still CET (UTC+1); on Monday it is CEST (UTC+2).
    clock.set(Instant.parse("2027-03-28T00:30:00Z"));
    assertThat(at(nightly, clock).map(ActiveFreeze::from))
        .contains(Instant.parse("2027-03-28T00:00:00Z"));
    clock.set(Instant.parse("2027-03-28T23:00:00Z"));
    assertThat(at(nightly, clock).map(ActiveFreeze::from))
        .contains(Instant.parse("2027-03-28T23:00:00Z"));
    clock.set(Instant.parse("2027-03-28T22:59:00Z"));
    assertThat(at(nightly, clock)).isEmpty();
  }

  @Test
  @DisplayName("a one-off window is in force from its start until, not including, its end")
  void oneOff() {
    FreezeWindow christmas =
        window(
            "christmas",
            new FreezeTiming.OneOff(
                Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-27T00:00:00Z")));
    FreezeCalendar calendar = new FreezeCalendar(List.of(christmas));
    ManualClock clock = new ManualClock(Instant.parse("2026-12-23T23:59:59Z"));
    assertThat(calendar.activeAt(clock.instant())).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(calendar.activeAt(clock.instant()))
        .extracting(ActiveFreeze::name)
        .containsExactly("christmas");
    clock.set(Instant.parse("2026-12-27T00:00:00Z"));
    assertThat(calendar.activeAt(clock.instant())).isEmpty();
  }

  @Test
  @DisplayName("a freeze blocks only its kinds of change, on the targets it covers")
  void blocks() {
    ActiveFreeze prodDeploys =
        new ActiveFreeze(
            "x",
            "because",
            new FreezeScope(List.of("prod"), List.of("prod-eu"), List.of()),
            FreezeBlock.DEFAULT,
            Instant.EPOCH,
            Instant.MAX,
            Optional.empty());
    assertThat(prodDeploys.blocks(Change.ofEnvironment(FreezeBlock.DEPLOY, "prod", "prod-eu")))
        .isTrue();
    assertThat(prodDeploys.blocks(Change.ofEnvironment(FreezeBlock.ROLLBACK, "prod", "prod-eu")))
        .isFalse();
    // staging shares the frozen cluster
    assertThat(prodDeploys.blocks(Change.ofEnvironment(FreezeBlock.DEPLOY, "staging", "prod-eu")))
        .isTrue();
    assertThat(prodDeploys.blocks(Change.ofEnvironment(FreezeBlock.DEPLOY, "staging", "dev")))
        .isFalse();
    assertThat(prodDeploys.blocks(Change.ofCutover("www"))).isFalse();
    assertThat(prodDeploys.blocks(Change.ofCluster(FreezeBlock.UPGRADE, "prod-eu"))).isTrue();
  }
}
