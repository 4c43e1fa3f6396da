package dev.shipmate.engine.wakeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.recurring.ScheduledJob;
import dev.shipmate.engine.support.CapturedLogs;
import dev.shipmate.engine.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class InMemoryRecurringJobsTest {
  private static final Instant T0 = Instant.parse("2026-11-20T11:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryRecurringJobs jobs = new InMemoryRecurringJobs(clock);
  private final List<String> ran = new ArrayList<>();

  private RecurringJob job(String name, Schedule schedule) {
    return new RecurringJob(
        name,
        schedule,
        () ->
            ran.add(MDC.get(RecurringJob.LOG_JOB) + "@" + MDC.get(RecurringJob.LOG_SCHEDULED_FOR)));
  }

  @Test
  @DisplayName("a test fires a job by name, at once, with the job in the logging context")
  void fireByName() {
    jobs.schedule(job("sweep", Schedule.every(Duration.ofMinutes(1))));

    assertThat(jobs.fire("sweep")).isTrue();

    assertThat(ran).containsExactly("sweep@" + T0);
    assertThat(MDC.get(RecurringJob.LOG_JOB)).isNull();
    assertThat(jobs.scheduled())
        .containsExactly(new ScheduledJob("sweep", Optional.of(T0.plusSeconds(60)), true));
    assertThatThrownBy(() -> jobs.fire("report"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no recurring job is named 'report'; scheduled: [sweep]");
  }

  @Test
  @DisplayName("nothing is due before the first interval; missed firings are skipped, not made up")
  void fireDue() {
    jobs.schedule(job("sweep", Schedule.every(Duration.ofMinutes(1))));
    jobs.schedule(job("report", Schedule.cron("0 0 12 * * ?", ZoneOffset.UTC)));

    assertThat(jobs.fireDue()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(jobs.fireDue()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(150)); // 13:31: two hours of sweeps and a report missed
    assertThat(jobs.fireDue()).isEqualTo(2);

    assertThat(ran)
        .containsExactly(
            "sweep@2026-11-20T11:01:00Z",
            "report@2026-11-20T12:00:00Z",
            "sweep@2026-11-20T11:02:00Z");
    assertThat(jobs.scheduled())
        .containsExactly(
            new ScheduledJob("report", Optional.of(Instant.parse("2026-11-21T12:00:00Z")), true),
            new ScheduledJob("sweep", Optional.of(Instant.parse("2026-11-20T13:32:00Z")), true));
  }

  @Test
  @DisplayName(
      "scheduling again keeps an unchanged schedule's next firing, and replaces a changed one")
  void reschedule() {
    jobs.schedule(job("sweep", Schedule.every(Duration.ofMinutes(1))));
    clock.advance(Duration.ofSeconds(30));

    jobs.schedule(job("sweep", Schedule.every(Duration.ofMinutes(1))));
    assertThat(jobs.scheduled().get(0).nextFiring()).contains(T0.plusSeconds(60));

    jobs.schedule(job("sweep", Schedule.every(Duration.ofMinutes(5))));
    assertThat(jobs.scheduled().get(0).nextFiring()).contains(T0.plusSeconds(30 + 300));

    assertThat(jobs.unschedule("sweep")).isTrue();
    assertThat(jobs.unschedule("sweep")).isFalse();
    assertThat(jobs.scheduled()).isEmpty();
  }

  @Test
  @DisplayName("a job that throws is logged in one line, with its cause, and keeps its schedule")
  void throwingJob() {
    jobs.schedule(
        new RecurringJob(
            "sweep",
            Schedule.every(Duration.ofMinutes(1)),
            () -> {
              throw new IllegalStateException("cluster prod-eu is out of reach");
            }));
    clock.advance(Duration.ofMinutes(1));

    try (CapturedLogs logs = CapturedLogs.of(RecurringFiring.class)) {
      assertThat(jobs.fire("sweep")).isFalse();

      assertThat(logs.at(Level.WARN))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.getFormattedMessage())
                    .isEqualTo(
                        "recurring job sweep failed; the next firing is at 2026-11-20T11:01:00Z:"
                            + " java.lang.IllegalStateException: cluster prod-eu is out of reach");
                assertThat(line.getThrowableProxy()).isNull();
              });
      assertThat(logs.at(Level.DEBUG))
          .singleElement()
          .satisfies(line -> assertThat(line.getThrowableProxy()).isNotNull());
    }
    assertThat(jobs.fireDue()).isEqualTo(1);
    assertThat(jobs.scheduled().get(0).nextFiring()).contains(T0.plusSeconds(120));
  }

  @Test
  @DisplayName("a cron expression that never fires again is refused")
  void neverFires() {
    assertThatThrownBy(
            () -> jobs.schedule(job("report", Schedule.cron("0 0 9 ? * * 2020", ZoneOffset.UTC))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never fires after 2026-11-20T11:00:00Z");
  }
}
