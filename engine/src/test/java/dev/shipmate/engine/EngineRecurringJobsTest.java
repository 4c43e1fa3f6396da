package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.recurring.ScheduledJob;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.engine.testing.ManualWakeUps;
import dev.shipmate.engine.wakeup.InMemoryRecurringJobs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Recurring jobs on an engine built by hand, as other modules' tests build one. */
class EngineRecurringJobsTest {
  private static Database database;
  private final ManualClock clock = new ManualClock(EngineHarness.T0);
  private final AtomicInteger sweeps = new AtomicInteger();
  private final RecurringJob sweep =
      new RecurringJob(
          "sweep-previews", Schedule.every(Duration.ofMinutes(1)), sweeps::incrementAndGet);
  private Engine engine;

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @BeforeAll
  static void openDatabase() {
    database = TestDatabases.open(TestDatabases.h2InMemory());
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  private Engine.Builder builder() {
    return Engine.builder(new RunStore(database.dataSource()), PipelineRegistry.of(List.of()))
        .clock(clock)
        .wakeUps(new ManualWakeUps(clock));
  }

  @Test
  @DisplayName("an engine on manual wake-ups keeps recurring jobs in memory, on its clock")
  void inMemoryByDefault() {
    engine = builder().build();

    engine.schedule(sweep);
    engine.start();

    // Beside the engine's own watchdog, which start() schedules.
    assertThat(engine.recurringJobs())
        .containsExactlyInAnyOrder(
            new ScheduledJob("sweep-previews", Optional.of(EngineHarness.T0.plusSeconds(60)), true),
            new ScheduledJob("watchdogs", Optional.of(EngineHarness.T0.plusSeconds(60)), true));
    assertThat(sweeps).hasValue(0);
    assertThat(engine.unschedule("sweep-previews")).isTrue();
    assertThat(engine.recurringJobs()).extracting(ScheduledJob::name).containsExactly("watchdogs");
  }

  @Test
  @DisplayName("a test that passes its own in-memory jobs fires one by name")
  void fireByName() {
    InMemoryRecurringJobs jobs = new InMemoryRecurringJobs(clock);
    engine = builder().recurringJobs(jobs).build();
    engine.start();
    engine.schedule(sweep);

    assertThat(jobs.fire("sweep-previews")).isTrue();
    clock.advance(Duration.ofMinutes(1));
    // The sweep and the engine's watchdog.
    assertThat(jobs.fireDue()).isEqualTo(2);

    assertThat(sweeps).hasValue(2);
  }
}
