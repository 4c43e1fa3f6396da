package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.JournalEntry;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.support.TestPipeline;
import dev.shipmate.engine.support.World;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pausing and resuming runs, on a real H2 journal with time and wake-ups moved by hand. */
@DisplayName("pause and resume")
class PauseResumeTest {

  static Database database;

  final World world = new World();
  EngineHarness h;

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

  /** set-image, then wait-rollout that checks every minute until "rolled" is on. */
  private Run startWaitingRun(boolean pausable) {
    TestPipeline pipeline =
        TestPipeline.deploy(
            world.changing("set-image"),
            world.waitsFor("wait-rollout", "rolled", Duration.ofMinutes(1)));
    h = new EngineHarness(database, pausable ? pipeline.asPausable() : pipeline);
    Run run = h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1"));
    h.wakeUps.fireDue();
    assertThat(world.calls("wait-rollout")).isEqualTo(1);
    return run;
  }

  @Test
  @DisplayName("a run paused before its first step starts none until it is resumed")
  void pendingRunWaitsForResume() {
    TestPipeline pipeline =
        TestPipeline.deploy(
            world.changing("set-image"),
            world.waitsFor("wait-rollout", "rolled", Duration.ofMinutes(1)));
    h = new EngineHarness(database, pipeline.asPausable());
    Run run = h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1"));
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.PENDING);

    assertThat(h.engine.pause(run.id(), "U1")).isInstanceOf(PauseResult.Paused.class);
    h.wakeUps.fireDue();
    h.wakeUps.advance(Duration.ofMinutes(5));
    h.wakeUps.fireDue();
    assertThat(world.calls("set-image")).isZero();

    assertThat(h.engine.resume(run.id(), "U1")).isInstanceOf(PauseResult.Resumed.class);
    world.turnOn("rolled");
    h.wakeUps.fireDue();
    assertThat(world.calls("set-image")).isEqualTo(1);
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("a paused run is not advanced by its wake-ups; resumed, it goes on to succeed")
  void pausedRunWaitsForResume() {
    Run run = startWaitingRun(true);

    PauseResult paused = h.engine.pause(run.id(), "U2");

    assertThat(paused).isInstanceOf(PauseResult.Paused.class);
    assertThat(paused.userMessage()).contains("Paused " + run.id() + " at wait-rollout");
    assertThat(h.run(run.id()).pause()).map(PauseRequest::by).contains("U2");
    world.turnOn("rolled");
    h.wakeUps.advance(Duration.ofMinutes(5));
    h.engine.wake(run.id());
    h.wakeUps.fireDue();
    assertThat(world.calls("wait-rollout")).isEqualTo(1);
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.RUNNING);

    PauseResult resumed = h.engine.resume(run.id(), "U3");
    h.wakeUps.fireDue();

    assertThat(resumed).isInstanceOf(PauseResult.Resumed.class);
    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.pause()).isEmpty();
    assertThat(h.eventTypes(run.id()))
        .containsSubsequence("RunPaused", "RunResumed", "RunFinished");
    assertThat(h.engine.journal(run.id()))
        .extracting(JournalEntry::message)
        .contains(run.id() + " paused by U2 at wait-rollout", run.id() + " resumed by U3");
    assertThat(h.engine.audit(run.id()))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .contains(tuple(AuditAction.PAUSED, "U2"), tuple(AuditAction.RESUMED, "U3"));
  }

  @Test
  @DisplayName("the time a run stays paused does not count toward its step's timeout")
  void pauseDoesNotCountTowardTheTimeout() {
    Run run = startWaitingRun(true);
    h.engine.pause(run.id(), "U2");

    h.wakeUps.advance(Duration.ofHours(2));
    h.engine.resume(run.id(), "U2");
    h.wakeUps.fireDue();

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(world.calls("wait-rollout")).isEqualTo(2);
  }

  @Test
  @DisplayName("a run stays paused across a restart, and resumes on the new engine")
  void survivesRestart() {
    Run run = startWaitingRun(true);
    h.engine.pause(run.id(), "U2");
    world.turnOn("rolled");

    h.restart();
    h.wakeUps.fireDue();

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(h.run(run.id()).pause()).map(PauseRequest::by).contains("U2");
    assertThat(world.calls("wait-rollout")).isEqualTo(1);

    h.engine.resume(run.id(), "U2");
    h.wakeUps.fireDue();
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("a paused run can be cancelled: its cancel hook and undos run, it ends CANCELLED")
  void pausedRunCanBeCancelled() {
    Run run = startWaitingRun(true);
    h.engine.pause(run.id(), "U2");

    assertThat(h.engine.cancel(run.id(), "U3")).isInstanceOf(CancelResult.Requested.class);
    h.wakeUps.fireDue();

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(done.isPaused()).isFalse();
    assertThat(world.effects())
        .containsExactly("set-image", "cancelled wait-rollout", "undo-set-image:before-set-image");
    assertThat(h.engine.resume(run.id(), "U2")).isInstanceOf(PauseResult.AlreadyFinished.class);
  }

  @Test
  @DisplayName("a run of a pipeline that is not pausable is refused, and nothing changes")
  void notPausable() {
    Run run = startWaitingRun(false);

    PauseResult result = h.engine.pause(run.id(), "U2");

    assertThat(result).isInstanceOf(PauseResult.NotPausable.class);
    assertThat(result.userMessage()).contains("cannot be paused").contains("/cancel " + run.id());
    assertThat(h.run(run.id()).pause()).isEmpty();
    assertThat(h.engine.audit(run.id()))
        .extracting(AuditEntry::action)
        .doesNotContain(AuditAction.PAUSED);
  }

  @Test
  @DisplayName("pausing twice, resuming a running run, and unknown or finished runs are refused")
  void refusals() {
    Run run = startWaitingRun(true);

    assertThat(h.engine.resume(run.id(), "U2")).isInstanceOf(PauseResult.NotPaused.class);
    assertThat(h.engine.pause(run.id(), "U2")).isInstanceOf(PauseResult.Paused.class);
    PauseResult again = h.engine.pause(run.id(), "U3");
    assertThat(again).isInstanceOf(PauseResult.AlreadyPaused.class);
    assertThat(again.userMessage()).contains("already paused (by U2)");
    assertThat(h.engine.pause(new RunId("d-zzzz"), "U2")).isInstanceOf(PauseResult.NotFound.class);

    h.engine.resume(run.id(), "U2");
    world.turnOn("rolled");
    h.wakeUps.fireDue();
    assertThat(h.engine.pause(run.id(), "U2")).isInstanceOf(PauseResult.AlreadyFinished.class);
  }

  @Test
  @DisplayName("a run awaiting approval cannot be paused; it says why")
  void awaitingApprovalIsNotRunning() {
    h = new EngineHarness(database, TestPipeline.deploy(world.changing("set-image")).asPausable());
    Run run = h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1").approvals(1));

    PauseResult result = h.engine.pause(run.id(), "U2");

    assertThat(result).isInstanceOf(PauseResult.NotRunning.class);
    assertThat(result.userMessage()).contains("awaiting approval").contains("only a running run");
  }
}
