package dev.shipmate.engine.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecurringJobTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Runnable NOTHING = () -> {};

  @ParameterizedTest
  @ValueSource(strings = {"drift-report", "sweep-previews", "tick", "report2", "a-1"})
  @DisplayName("a name is lowercase words joined by '-'")
  void goodNames(String name) {
    assertThat(new RecurringJob(name, Schedule.every(Duration.ofMinutes(1)), NOTHING).name())
        .isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Drift", "drift report", "drift_report", "-drift", "drift-", "1st"})
  @DisplayName("any other name is refused, with an example of a good one")
  void badNames(String name) {
    assertThatThrownBy(() -> new RecurringJob(name, Schedule.every(Duration.ofMinutes(1)), NOTHING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a recurring job's name is lowercase words joined by '-', at most 100 characters,"
                + " e.g. 'drift-report'; not '"
                + name
                + "'");
  }

  @Test
  @DisplayName(
      "a bad cron expression is refused with the expression, what is wrong, and the syntax")
  void badCron() {
    assertThatThrownBy(() -> Schedule.cron("0 0 9 ? * MON-FRY", PARIS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the cron expression '0 0 9 ? * MON-FRY' is not valid: Invalid Day-of-Week value:"
                + " 'FRY'. Quartz cron is 'second minute hour day-of-month month day-of-week"
                + " [year]', with '?' in one of the two day fields, e.g. '0 0 9 ? * MON-FRI' for"
                + " 09:00 on weekdays");
    assertThatThrownBy(() -> Schedule.cron("0 0 9 * * MON-FRI", PARIS))
        .hasMessageStartingWith(
            "the cron expression '0 0 9 * * MON-FRI' is not valid: Support for specifying both a"
                + " day-of-week AND a day-of-month parameter is not implemented. Quartz cron is");
    assertThatThrownBy(() -> Schedule.cron("0 0 25 ? * *", PARIS))
        .hasMessageStartingWith(
            "the cron expression '0 0 25 ? * *' is not valid: Hour values must be between 0 and 23."
                + " Quartz cron is");
    assertThatThrownBy(() -> Schedule.cron(" ", PARIS))
        .hasMessageStartingWith("the cron expression ' ' is not valid: it is empty.");
  }

  @Test
  @DisplayName("a crontab line (no seconds field) is refused as such")
  void crontabLine() {
    assertThatThrownBy(() -> Schedule.cron("0 9 * * 1-5", PARIS))
        .hasMessageStartingWith(
            "the cron expression '0 9 * * 1-5' is not valid: it has 5 fields, like a crontab line;"
                + " Quartz's start with seconds. Quartz cron is 'second minute hour");
  }

  @Test
  @DisplayName("a cron expression fires at its times in its zone")
  void cronInItsZone() {
    Schedule.Cron weekdaysAtNine = Schedule.cron("0 0 9 ? * MON-FRI", PARIS);
    Instant fridayNoonInParis = Instant.parse("2026-11-20T11:00:00Z");

    assertThat(weekdaysAtNine.nextAfter(fridayNoonInParis))
        .contains(Instant.parse("2026-11-23T08:00:00Z")); // Monday 09:00 in Paris, UTC+1
    assertThat(weekdaysAtNine.firstFiring(fridayNoonInParis))
        .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(weekdaysAtNine.describe()).isEqualTo("cron '0 0 9 ? * MON-FRI' in Europe/Paris");
  }

  @Test
  @DisplayName("a cron expression that never fires again cannot be scheduled")
  void cronInThePast() {
    Schedule.Cron past = Schedule.cron("0 0 9 ? * MON-FRI 2020", ZoneOffset.UTC);
    Instant now = Instant.parse("2026-11-20T11:00:00Z");

    assertThat(past.nextAfter(now)).isEmpty();
    assertThatThrownBy(() -> past.firstFiring(now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the cron expression '0 0 9 ? * MON-FRI 2020' never fires after 2026-11-20T11:00:00Z");
  }

  @Test
  @DisplayName("an interval fires first one interval from now, unless told otherwise")
  void every() {
    Instant now = Instant.parse("2026-11-20T11:00:00Z");

    assertThat(Schedule.every(Duration.ofMinutes(1)).firstFiring(now))
        .isEqualTo(now.plusSeconds(60));
    assertThat(new Schedule.Every(Duration.ofHours(1), Duration.ZERO).firstFiring(now))
        .isEqualTo(now);
    assertThat(Schedule.every(Duration.ofMinutes(1)).describe()).isEqualTo("every PT1M");
  }

  @Test
  @DisplayName("an interval under a millisecond, or a first firing in the past, is refused")
  void badEvery() {
    assertThatThrownBy(() -> Schedule.every(Duration.ZERO))
        .hasMessage("a recurring job's interval must be at least 1 ms, not PT0S");
    assertThatThrownBy(() -> new Schedule.Every(Duration.ofMinutes(1), Duration.ofSeconds(-1)))
        .hasMessage("a recurring job's first firing cannot be in the past (firstAfter PT-1S)");
  }
}
