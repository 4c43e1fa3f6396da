package dev.shipmate.engine.wakeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.RecurringJobs;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.recurring.ScheduledJob;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.support.CapturedLogs;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.testing.EngineTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** Recurring jobs on the wake-ups' Quartz scheduler, on real time, on an H2 file. */
@DisplayName("recurring jobs on Quartz, on an H2 file")
class H2QuartzRecurringJobsIT {
  private static final AtomicInteger SCHEDULERS = new AtomicInteger();
  private static final Duration QUICK = Duration.ofMillis(200);

  @TempDir static Path folder;
  static Database database;

  final List<QuartzWakeUps> schedulers = new ArrayList<>();

  /** Each execution: the job's name and the instant it was scheduled for. */
  final List<String> ran = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void open() {
    database = TestDatabases.open(TestDatabases.h2(folder));
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @BeforeEach
  void empty() {
    EngineTables.wipe(database);
  }

  @AfterEach
  void stop() {
    schedulers.forEach(QuartzWakeUps::stop);
  }

  QuartzSettings quartz(String name) {
    return QuartzSettings.defaults()
        .withSchedulerName(name)
        .withIdleWaitTime(Duration.ofSeconds(1))
        .withClusterCheckinInterval(Duration.ofSeconds(1));
  }

  QuartzWakeUps scheduler(QuartzSettings settings) {
    QuartzWakeUps wakeUps = new QuartzWakeUps(database.dataSource(), database.vendor(), settings);
    schedulers.add(wakeUps);
    return wakeUps;
  }

  static void start(QuartzWakeUps wakeUps) {
    wakeUps.start(run -> {});
  }

  String uniqueName() {
    return "it-recurring-" + SCHEDULERS.incrementAndGet();
  }

  RecurringJob recording(String name, Schedule schedule) {
    return new RecurringJob(
        name,
        schedule,
        () ->
            ran.add(MDC.get(RecurringJob.LOG_JOB) + "@" + MDC.get(RecurringJob.LOG_SCHEDULED_FOR)));
  }

  long runs(String name) {
    return ran.stream().filter(r -> r.startsWith(name + "@")).count();
  }

  List<Instant> scheduledFor(String name) {
    return ran.stream()
        .filter(r -> r.startsWith(name + "@"))
        .map(r -> Instant.parse(r.substring(name.length() + 1)))
        .toList();
  }

  static Optional<Instant> next(RecurringJobs jobs, String name) {
    return jobs.scheduled().stream()
        .filter(j -> j.name().equals(name))
        .findFirst()
        .flatMap(ScheduledJob::nextFiring);
  }

  @Test
  @DisplayName("an interval job fires at each of its times, once, never twice at once")
  void everyFiresRepeatedly() {
    QuartzWakeUps wakeUps = scheduler(quartz(uniqueName()));
    start(wakeUps);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    List<Instant> times = new CopyOnWriteArrayList<>();
    wakeUps
        .recurringJobs()
        .schedule(
            new RecurringJob(
                "tick",
                Schedule.every(QUICK),
                () -> {
                  mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                  times.add(Instant.parse(MDC.get(RecurringJob.LOG_SCHEDULED_FOR)));
                  pause(QUICK.toMillis() * 3 / 2); // longer than the interval: the next waits
                  inside.decrementAndGet();
                }));

    Await.until("three firings", () -> times.size() >= 3);

    assertThat(mostInside).hasValue(1);
    assertThat(times).doesNotHaveDuplicates();
    Instant first = times.get(0);
    assertThat(times)
        .allSatisfy(
            t -> assertThat(Duration.between(first, t).toMillis() % QUICK.toMillis()).isZero());
  }

  @Test
  @DisplayName("a job is stored before the scheduler starts, and fires first after its first delay")
  void storedBeforeStart() {
    QuartzWakeUps wakeUps = scheduler(quartz(uniqueName()));
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    wakeUps.recurringJobs().schedule(recording("sweep", Schedule.every(Duration.ofMinutes(1))));

    Instant after = Instant.now();
    assertThat(next(wakeUps.recurringJobs(), "sweep"))
        .hasValueSatisfying(
            at -> assertThat(at).isBetween(before.plusSeconds(60), after.plusSeconds(60)));
    assertThat(wakeUps.recurringJobs().scheduled())
        .extracting(ScheduledJob::name, ScheduledJob::registeredHere)
        .containsExactly(tuple("sweep", true));
  }

  @Test
  @DisplayName(
      "scheduling again keeps an unchanged schedule's next firing, replaces a changed one, and"
          + " the latest work runs")
  void replaced() {
    QuartzWakeUps wakeUps = scheduler(quartz(uniqueName()));
    start(wakeUps);
    RecurringJobs jobs = wakeUps.recurringJobs();
    jobs.schedule(recording("report", Schedule.every(Duration.ofHours(1))));
    Optional<Instant> hourly = next(jobs, "report");

    jobs.schedule(recording("report", Schedule.every(Duration.ofHours(1))));
    assertThat(next(jobs, "report")).isEqualTo(hourly);

    List<String> newWork = new CopyOnWriteArrayList<>();
    jobs.schedule(
        new RecurringJob(
            "report", new Schedule.Every(QUICK, Duration.ZERO), () -> newWork.add("ran")));
    Await.until("the new schedule to fire twice", () -> newWork.size() >= 2);
    assertThat(ran).isEmpty();

    jobs.schedule(recording("report", Schedule.cron("0 0 9 ? * MON-FRI", ZoneOffset.UTC)));
    assertThat(next(jobs, "report"))
        .hasValueSatisfying(at -> assertThat(at.atZone(ZoneOffset.UTC).getHour()).isEqualTo(9));
    assertThat(jobs.unschedule("report")).isTrue();
    assertThat(jobs.scheduled()).isEmpty();
  }

  @Test
  @DisplayName("a job that throws is logged in one line each time, and keeps firing on schedule")
  void throwingJobKeepsFiring() {
    QuartzWakeUps wakeUps = scheduler(quartz(uniqueName()));
    start(wakeUps);
    AtomicInteger attempts = new AtomicInteger();
    try (CapturedLogs logs = CapturedLogs.of(RecurringFiring.class)) {
      wakeUps
          .recurringJobs()
          .schedule(
              new RecurringJob(
                  "sweep",
                  Schedule.every(QUICK),
                  () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("cluster prod-eu is out of reach");
                  }));

      Await.until("three attempts", () -> attempts.get() >= 3);

      List<ILoggingEvent> warnings = logs.at(Level.WARN);
      assertThat(warnings).hasSizeGreaterThanOrEqualTo(3);
      assertThat(warnings)
          .allSatisfy(
              line -> {
                assertThat(line.getFormattedMessage())
                    .startsWith("recurring job sweep failed; the next firing is at ")
                    .endsWith(": java.lang.IllegalStateException: cluster prod-eu is out of reach");
                assertThat(line.getThrowableProxy()).isNull();
              });
    }
  }

  @Test
  @DisplayName(
      "a trigger no job is registered for here (another build stored it) is skipped, warned about"
          + " once, and keeps its schedule")
  void unregisteredIsSkipped() {
    String name = uniqueName();
    // A newer build stores a job, and stops; this build, on the same database, knows no such job.
    QuartzWakeUps newer = scheduler(quartz(name));
    newer.recurringJobs().schedule(recording("from-newer-build", new Schedule.Every(QUICK, QUICK)));
    newer.stop();

    try (CapturedLogs logs = CapturedLogs.of(QuartzRecurringJobs.class)) {
      QuartzWakeUps older = scheduler(quartz(name));
      start(older);
      older.recurringJobs().schedule(recording("tick", Schedule.every(QUICK)));
      Instant firstSeen = next(older.recurringJobs(), "from-newer-build").orElseThrow();

      Await.until(
          "the unregistered trigger to fire three times",
          () ->
              next(older.recurringJobs(), "from-newer-build")
                  .orElseThrow()
                  .isAfter(firstSeen.plus(QUICK.multipliedBy(2))));
      Await.until("the registered job to fire too", () -> runs("tick") >= 2);

      assertThat(runs("from-newer-build")).isZero();
      assertThat(older.recurringJobs().scheduled())
          .extracting(ScheduledJob::name, ScheduledJob::registeredHere)
          .containsExactly(tuple("from-newer-build", false), tuple("tick", true));
      assertThat(logs.at(Level.WARN))
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .isEqualTo(
              "recurring job from-newer-build fired here, but this process has no job of that name"
                  + " (another version of Shipmate scheduled it?); its firings on this replica are"
                  + " skipped");
    }
  }

  @Test
  @DisplayName(
      "a trigger put in ERROR by a replica that cannot load the job class (an older build) is put"
          + " back")
  void errorRepaired() throws Exception {
    QuartzWakeUps wakeUps = scheduler(quartz(uniqueName()));
    wakeUps.start(run -> {}, Duration.ofMillis(300));
    try (CapturedLogs logs = CapturedLogs.of(QuartzRecurringJobs.class)) {
      wakeUps.recurringJobs().schedule(recording("tick", Schedule.every(QUICK)));
      Await.until("a firing", () -> runs("tick") >= 1);

      // What a replica of a build without RecurringJobRun sees in the table.
      jobClass("dev.shipmate.engine.wakeup.NotInThisBuild");
      Await.until("the trigger to be put back from ERROR", () -> !logs.at(Level.WARN).isEmpty());
      jobClass(RecurringJobRun.class.getName());
      long before = runs("tick");

      Await.until("two more firings", () -> runs("tick") >= before + 2);
      assertThat(logs.at(Level.WARN).get(0).getFormattedMessage())
          .isEqualTo(
              "recurring job tick was stopped (trigger in ERROR: a replica of an older build of"
                  + " Shipmate could not load its job class?); it fires again");
    }
  }

  private static void jobClass(String name) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE QRTZ_JOB_DETAILS SET JOB_CLASS_NAME = ? WHERE JOB_GROUP = ?")) {
      s.setString(1, name);
      s.setString(2, QuartzRecurringJobs.GROUP);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("firings missed while no scheduler ran are skipped, not made up: cron and interval")
  void missedFiringsAreSkipped() {
    // Quartz counts a firing as missed once it is later than the misfire threshold: 1 s here.
    QuartzSettings settings =
        new QuartzSettings(
            uniqueName(),
            Optional.empty(),
            4,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    QuartzWakeUps wakeUps = scheduler(settings);
    RecurringJobs jobs = wakeUps.recurringJobs();
    jobs.schedule(recording("sweep", new Schedule.Every(QUICK, Duration.ZERO)));
    jobs.schedule(recording("report", Schedule.cron("* * * ? * *", ZoneOffset.UTC)));
    Instant firstSweep = next(jobs, "sweep").orElseThrow();
    // Down for longer than the threshold plus the cron's period: every time so far is missed.
    pause(2_200);

    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    start(wakeUps);

    Await.until("both jobs to fire twice", () -> runs("sweep") >= 2 && runs("report") >= 2);
    // Neither a missed time, nor a firing "now" in its place: only the schedule's own times.
    assertThat(scheduledFor("sweep"))
        .allSatisfy(
            at -> {
              assertThat(at).isAfterOrEqualTo(started);
              assertThat(Duration.between(firstSweep, at).toMillis() % QUICK.toMillis()).isZero();
            });
    assertThat(scheduledFor("report"))
        .allSatisfy(
            at -> {
              assertThat(at).isAfterOrEqualTo(started);
              assertThat(at.getNano()).isZero();
            });
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
