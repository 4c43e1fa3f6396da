package dev.shipmate.engine.wakeup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.testing.EngineTables;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Quartz on its clustered JDBC job store, on real time with short delays; one subclass per
 * database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuartzWakeUpsContract {
  private static final AtomicInteger SCHEDULERS = new AtomicInteger();

  Database database;
  QuartzWakeUps wakeUps;
  final List<RunId> fired = new CopyOnWriteArrayList<>();
  final List<Instant> firedAt = new CopyOnWriteArrayList<>();

  abstract StoreSettings settings();

  @BeforeAll
  void open() {
    database = TestDatabases.open(settings());
  }

  @AfterAll
  void closeDatabase() {
    database.close();
  }

  @BeforeEach
  void empty() {
    EngineTables.wipe(database);
    fired.clear();
    firedAt.clear();
  }

  @AfterEach
  void stop() {
    if (wakeUps != null) {
      wakeUps.stop();
    }
  }

  QuartzSettings quartz(String name) {
    return QuartzSettings.defaults()
        .withSchedulerName(name)
        .withIdleWaitTime(Duration.ofSeconds(1))
        .withClusterCheckinInterval(Duration.ofSeconds(1));
  }

  QuartzWakeUps started(String name, Consumer<RunId> advance) {
    return started(quartz(name), advance);
  }

  QuartzWakeUps started(QuartzSettings settings, Consumer<RunId> advance) {
    wakeUps = new QuartzWakeUps(database.dataSource(), database.vendor(), settings);
    wakeUps.start(advance);
    return wakeUps;
  }

  Consumer<RunId> recording() {
    return run -> {
      firedAt.add(Instant.now());
      fired.add(run);
    };
  }

  String uniqueName() {
    return "it-" + getClass().getSimpleName() + "-" + SCHEDULERS.incrementAndGet();
  }

  @Test
  @DisplayName("a wake-up fires its run's advance once, no earlier than the batching window allows")
  void fires() {
    started(uniqueName(), recording());
    RunId run = new RunId("d-0001");
    Instant due = Instant.now().plusMillis(300);

    wakeUps.wakeAt(run, due);

    Await.until("the wake-up", () -> !fired.isEmpty());
    assertThat(fired).containsExactly(run);
    assertThat(firedAt.get(0)).isAfterOrEqualTo(due.minus(QuartzWakeUps.FIRE_AHEAD).minusMillis(5));
    Await.until("the fired job to be gone", () -> wakeUps.next(run).isEmpty());
  }

  @Test
  @DisplayName("of two wake-ups for one run, the earliest is kept")
  void earliestWins() {
    started(uniqueName(), recording());
    RunId early = new RunId("d-0002");
    RunId late = new RunId("d-0003");
    Instant soon = Instant.now().plusMillis(200);
    Instant later = Instant.now().plus(Duration.ofHours(1));

    wakeUps.wakeAt(early, later);
    wakeUps.wakeAt(early, soon);
    wakeUps.wakeAt(late, later);
    wakeUps.wakeAt(late, later.plusSeconds(60));

    assertThat(wakeUps.next(late))
        .contains(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    Await.until("the early run", () -> fired.contains(early));
    assertThat(fired).doesNotContain(late);
  }

  @Test
  @DisplayName(
      "a run is never advanced twice at once, and a wake-up asked for meanwhile is not lost")
  void neverConcurrent() {
    RunId run = new RunId("d-0004");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    AtomicInteger executions = new AtomicInteger();
    started(
        uniqueName(),
        id -> {
          mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          int n = executions.incrementAndGet();
          if (n == 1) {
            // While this execution is under way, ask for more: they must wait for it, then run.
            for (int i = 0; i < 5; i++) {
              wakeUps.wakeAt(id, Instant.now());
            }
            pause(300);
          }
          inside.decrementAndGet();
        });

    wakeUps.wakeAt(run, Instant.now());

    Await.until("a second execution", () -> executions.get() >= 2);
    assertThat(mostInside.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("a wake-up survives a restart of the scheduler")
  void survivesRestart() {
    // The same replica restarting: with its own instance id, it takes back at once what it held.
    QuartzSettings replica = quartz(uniqueName()).withInstanceId("replica-1");
    QuartzWakeUps first = started(replica, recording());
    RunId run = new RunId("d-0005");
    first.wakeAt(run, Instant.now().plusSeconds(1));
    first.stop();

    started(replica, recording());

    Await.until("the wake-up after the restart", () -> fired.contains(run));
  }

  @Test
  @DisplayName("many runs' wake-ups each fire exactly once")
  void manyRuns() {
    ConcurrentHashMap<RunId, AtomicInteger> counts = new ConcurrentHashMap<>();
    started(
        uniqueName(), id -> counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
    Instant now = Instant.now();
    for (int i = 0; i < 40; i++) {
      wakeUps.wakeAt(new RunId(String.format("d-%04d", i)), now.plusMillis(10L * i));
    }

    Await.until("all 40 runs", () -> counts.size() == 40);
    pause(500);
    assertThat(counts.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
