package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.InFlightRules;
import dev.shipmate.config.Watchdogs;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.pipeline.DefinedStep;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.support.TestPipeline;
import dev.shipmate.engine.watchdog.Stall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine's watchdog on a real H2 journal and the manual clock. */
@DisplayName("the watchdog")
class WatchdogTest {
  static Database database;

  EngineHarness h;
  final AtomicReference<String> note = new AtomicReference<>("waiting for pods");

  @BeforeAll
  static void openDatabase() {
    database = TestDatabases.open(TestDatabases.h2InMemory());
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** Checks every 5 minutes with whatever note the test sets; never done. */
  private DefinedStep<DeployParams> waiting() {
    return Step.<DeployParams>define(
            "rollout", context -> StepResult.running(Duration.ofMinutes(5), note.get()))
        .withTimeout(Duration.ofDays(1));
  }

  private void harness(Watchdogs settings, Step<DeployParams> step) {
    h =
        new EngineHarness(
            database,
            new FreezeCalendar(List.of()),
            EngineSettings.defaults().withChangeControl(InFlightRules.DEFAULTS, settings),
            TestPipeline.deploy(step));
  }

  private Run start() {
    return h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1"));
  }

  private List<RunEvent.RunStuck> flags() {
    return h.events.stream()
        .filter(e -> e instanceof RunEvent.RunStuck)
        .map(e -> (RunEvent.RunStuck) e)
        .toList();
  }

  private void look(Duration after) {
    h.wakeUps.advance(after);
    h.engine.watchdog().look();
  }

  @Test
  @DisplayName(
      "a step without progress past stuckAfter is flagged once, with a ledger line; /runs sees it")
  void stuckRunFlaggedOnce() {
    harness(Watchdogs.DEFAULTS, waiting());
    Run run = start();

    look(Duration.ofMinutes(59));
    assertThat(flags()).isEmpty();
    assertThat(h.engine.watchdog().stalls(h.engine.active())).isEmpty();

    look(Duration.ofMinutes(1));
    look(Duration.ofMinutes(1));
    look(Duration.ofMinutes(30));

    assertThat(flags())
        .singleElement()
        .satisfies(
            flag -> {
              assertThat(flag.name()).isEqualTo("rollout");
              assertThat(flag.since()).isEqualTo(EngineHarness.T0);
              assertThat(flag.describe())
                  .isEqualTo(
                      run.id()
                          + " looks stuck: rollout has shown no progress for 1h (the watchdog"
                          + " flags a step after 1h)");
            });
    assertThat(h.engine.audit(run.id()))
        .filteredOn(e -> e.action() == AuditAction.RUN_STUCK)
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(AuditEntry.ENGINE));
    assertThat(h.engine.journal(run.id())).filteredOn(e -> e.type().equals("RunStuck")).hasSize(1);
    Stall stall = h.engine.watchdog().stalls(h.engine.active()).get(run.id());
    assertThat(stall.step()).isEqualTo("rollout");
    assertThat(stall.stalledFor(h.clock.instant())).isEqualTo(Duration.ofMinutes(91));

    // Progress ends the stall; a new one is flagged again, once.
    note.set("3/5 pods updated");
    h.wakeUps.advance(Duration.ofMinutes(5));
    assertThat(h.engine.watchdog().stalls(h.engine.active())).isEmpty();
    look(Duration.ofMinutes(61));
    look(Duration.ofMinutes(5));
    assertThat(flags()).hasSize(2);
  }

  @Test
  @DisplayName("a step that says its usual time is flagged after stuckFactor times it")
  void expectedTime() {
    Step<DeployParams> quick =
        new Step<>() {
          @Override
          public String name() {
            return "set-image";
          }

          @Override
          public StepResult execute(StepContext<DeployParams> context) {
            return StepResult.running(Duration.ofMinutes(1), "waiting for the API server");
          }

          @Override
          public Optional<Duration> expected() {
            return Optional.of(Duration.ofMinutes(2));
          }
        };
    harness(Watchdogs.DEFAULTS, quick);
    start();

    look(Duration.ofMinutes(5));
    assertThat(flags()).isEmpty();
    look(Duration.ofMinutes(1));

    assertThat(flags())
        .singleElement()
        .satisfies(flag -> assertThat(flag.limit()).isEqualTo(Duration.ofMinutes(6)));
  }

  @Test
  @DisplayName("a paused run and one waiting for approval are never stuck")
  void waitingOnPurposeIsNotStuck() {
    harness(Watchdogs.DEFAULTS.withStuckAfter(Duration.ofMinutes(10)), waiting());
    Run awaiting = h.start(StartRequest.of("deploy", DeployParams.web("v1.3"), "U1").approvals(1));

    look(Duration.ofMinutes(30));

    assertThat(flags()).isEmpty();
    assertThat(h.run(awaiting.id()).status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
  }

  @Test
  @DisplayName("a run past its approval deadline whose wake-up was lost is cancelled at a look")
  void approvalDeadlineBackstop() {
    harness(Watchdogs.DEFAULTS.withApprovalTimeout(Duration.ofMinutes(30)), waiting());
    Run awaiting = h.start(StartRequest.of("deploy", DeployParams.web("v1.3"), "U1").approvals(1));
    h.restart(); // new, empty wake-ups: as if the deadline's wake-up had been lost
    h.wakeUps.fireDue();
    h.clock.advance(Duration.ofMinutes(31));

    h.engine.watchdog().look();
    h.wakeUps.fireDue();

    assertThat(h.run(awaiting.id()).status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(h.run(awaiting.id()).message().orElseThrow()).contains("not approved within 30m");
  }

  @Test
  @DisplayName("a feature's watch runs at each look; one that throws does not stop the others")
  void watches() {
    harness(Watchdogs.DEFAULTS, waiting());
    AtomicInteger looks = new AtomicInteger();
    h.engine
        .watchdog()
        .watch(
            "broken",
            () -> {
              throw new IllegalStateException("cluster away");
            });
    h.engine.watchdog().watch("preview-expiry", looks::incrementAndGet);

    h.engine.watchdog().look();
    h.engine.watchdog().look();

    assertThat(looks).hasValue(2);
    assertThat(h.engine.watchdog().unwatch("preview-expiry")).isTrue();
    h.engine.watchdog().look();
    assertThat(looks).hasValue(2);
    assertThat(h.engine.recurringJobs()).extracting(j -> j.name()).contains("watchdogs");
  }
}
