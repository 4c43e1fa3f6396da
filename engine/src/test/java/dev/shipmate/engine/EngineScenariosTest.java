package dev.shipmate.engine;

import static dev.shipmate.engine.support.EngineHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.RetryPolicy;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.run.StepStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.support.TestPipeline;
import dev.shipmate.engine.support.World;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The engine's scenarios on a real H2 journal, with time and wake-ups moved by hand: every test is
 * deterministic and takes no wall-clock time beyond the database's own.
 */
class EngineScenariosTest {
  static final LockKey WEB = LockKey.of("deploy", "prod/web");

  /** Migrated once for the class; each test's harness empties it first. */
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

  EngineHarness harness(TestPipeline... pipelines) {
    h = new EngineHarness(database, pipelines);
    return h;
  }

  static StartRequest deploy(String requester) {
    return StartRequest.of("deploy", DeployParams.web("v1.2"), requester);
  }

  @Nested
  @DisplayName("a run that goes well")
  class Success {
    @Test
    @DisplayName("runs its steps in order, hands outputs on, ends SUCCEEDED and frees its lock")
    void succeeds() {
      Step<DeployParams> announce =
          Step.define(
              "announce",
              ctx -> {
                World.Change change = ctx.output("set-image", World.Change.class);
                world.record("announce " + change.what() + " after " + change.previous());
                return StepResult.done();
              });
      harness(
          TestPipeline.deploy(world.step("check-image"), world.changing("set-image"), announce));

      Run run = h.start(deploy("U1"));
      assertThat(run.status()).isEqualTo(RunStatus.PENDING);
      assertThat(h.engine.lockHolder(WEB)).map(LockHolder::runId).contains(run.id());

      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(done.message()).contains(run.id() + " succeeded: deploy web v1.2 to prod.");
      assertThat(done.output("set-image", World.Change.class))
          .contains(new World.Change("set-image", "before-set-image"));
      assertThat(world.effects())
          .containsExactly("check-image", "set-image", "announce set-image after before-set-image");
      assertThat(h.engine.lockHolder(WEB)).isEmpty();
      assertThat(h.eventTypes(run.id()))
          .containsExactly(
              "RunRequested",
              "RunStarted",
              "StepStarted",
              "StepSucceeded",
              "StepStarted",
              "StepSucceeded",
              "StepStarted",
              "StepSucceeded",
              "RunFinished");
      assertThat(h.engine.journal(run.id())).hasSize(9);
      assertThat(h.engine.audit(run.id()))
          .extracting(AuditEntry::action)
          .containsExactly(AuditAction.RUN_REQUESTED, AuditAction.RUN_FINISHED);
    }

    @Test
    @DisplayName("reports every event only once it is committed")
    void reportsCommittedTransitions() {
      harness(TestPipeline.deploy(world.step("a"), world.changing("b")));
      List<String> mismatches = new ArrayList<>();
      h.engine.addListener(
          event -> {
            Run stored = h.engine.run(event.run().id()).orElseThrow();
            if (stored.version() < event.run().version()
                || (event instanceof RunEvent.RunFinished && stored.isActive())) {
              mismatches.add(event.type());
            }
          });

      Run run = h.start(deploy("U1"));
      h.wakeUps.fireDue();

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(mismatches).isEmpty();
    }

    @Test
    @DisplayName("a step that is still at work is checked again later, without holding a thread")
    void pollsARunningStep() {
      harness(TestPipeline.deploy(world.waitsFor("wait-rollout", "ready", Duration.ofSeconds(30))));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.RUNNING);
      assertThat(h.wakeUps.next(run.id())).contains(T0.plusSeconds(30));
      StepRun waiting = h.engine.steps(run.id()).get(0);
      assertThat(waiting.progress()).contains("check 1");
      assertThat(waiting.nextCheckAt()).contains(T0.plusSeconds(30));
      assertThat(waiting.inFlight()).isFalse();

      h.wakeUps.advance(Duration.ofSeconds(65));
      assertThat(world.calls("wait-rollout")).isEqualTo(3);
      assertThat(h.eventTypes(run.id()))
          .containsSubsequence("StepProgressed", "StepProgressed", "StepProgressed");

      world.turnOn("ready");
      h.wakeUps.advance(Duration.ofSeconds(30));

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(world.calls("wait-rollout")).isEqualTo(4);
    }

    @Test
    @DisplayName("wake(run) checks a waiting step at once, as a watch event would")
    void wakesEarly() {
      harness(TestPipeline.deploy(world.waitsFor("wait-rollout", "ready", Duration.ofMinutes(5))));
      Run run = h.start(deploy("U1"));
      h.wakeUps.fireDue();
      h.clock.advance(Duration.ofSeconds(3));

      world.turnOn("ready");
      h.engine.wake(run.id());
      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(done.state().finishedAt()).contains(T0.plusSeconds(3));
    }

    @Test
    @DisplayName("a skipped step counts as done and says why")
    void skipsSteps() {
      harness(
          TestPipeline.deploy(
              Step.define("set-image", ctx -> StepResult.skipped("web already runs v1.2")),
              world.step("announce")));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(h.engine.steps(run.id()).get(0).status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(h.engine.steps(run.id()).get(0).progress()).contains("web already runs v1.2");
    }
  }

  @Nested
  @DisplayName("retries")
  class Retries {
    @Test
    @DisplayName("a transient failure is retried with backoff, then the run goes on")
    void retriesTransientFailures() {
      Step<DeployParams> flaky =
          Step.define(
              "call-registry",
              ctx -> {
                if (ctx.attempt() <= 2) {
                  throw new IOException("connection reset by 10.0.0.7");
                }
                world.record("call-registry");
                return StepResult.done();
              });
      harness(TestPipeline.deploy(flaky));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();
      assertThat(h.wakeUps.next(run.id())).contains(T0.plusSeconds(5));
      h.wakeUps.advance(Duration.ofSeconds(5));
      assertThat(h.wakeUps.next(run.id())).contains(T0.plusSeconds(15));
      h.wakeUps.advance(Duration.ofSeconds(10));

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(h.engine.steps(run.id()).get(0).attempts()).isEqualTo(3);
      assertThat(world.effects()).containsExactly("call-registry");
      assertThat(h.events)
          .filteredOn(RunEvent.StepRetrying.class::isInstance)
          .extracting(RunEvent::describe)
          .containsExactly(
              "call-registry: a network call failed (IOException); attempt 1 failed, retrying in 5s",
              "call-registry: a network call failed (IOException); attempt 2 failed, retrying in 10s");
    }

    @Test
    @DisplayName("a step that keeps failing transiently gives up after its attempts and fails")
    void givesUp() {
      Step<DeployParams> down =
          Step.<DeployParams>define(
                  "call-registry",
                  ctx -> {
                    throw new IOException("connection refused");
                  })
              .withRetry(new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)));
      harness(TestPipeline.deploy(down));
      Run run = h.start(deploy("U1"));

      h.wakeUps.advance(Duration.ofMinutes(1));

      Run failed = h.run(run.id());
      assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
      assertThat(failed.message())
          .contains(
              run.id()
                  + " failed at call-registry: a network call failed (IOException) (gave up after 3"
                  + " tries). Nothing needed undoing.");
      assertThat(h.engine.steps(run.id()).get(0).attempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("an unexpected exception fails the run with a reference, never with its text")
    void hidesUnexpectedExceptions() {
      harness(
          TestPipeline.deploy(
              Step.define(
                  "set-image",
                  ctx -> {
                    throw new IllegalStateException("token=xoxb-secret went wrong");
                  })));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();

      Run failed = h.run(run.id());
      assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
      assertThat(failed.message())
          .get()
          .asString()
          .contains("internal error in set-image (ref ")
          .doesNotContain("xoxb");
      assertThat(failed.failure()).get().extracting(f -> f.kind()).isEqualTo(FailureKind.PERMANENT);
    }
  }

  @Nested
  @DisplayName("failure and compensation")
  class Compensation {
    @Test
    @DisplayName("a permanent failure undoes the completed steps in reverse order: ROLLED_BACK")
    void undoesInReverse() {
      Step<DeployParams> verify =
          Step.define(
              "verify",
              ctx -> {
                throw StepException.user(
                    "web v1.2 answers 500 on /healthz; fix it and deploy again");
              });
      harness(
          TestPipeline.deploy(
              world.changing("set-config"),
              world.step("log"),
              world.changing("set-image"),
              verify));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(world.effects())
          .containsExactly(
              "set-config",
              "log",
              "set-image",
              "undo-set-image:before-set-image",
              "undo-set-config:before-set-config");
      assertThat(done.message())
          .contains(
              run.id()
                  + " failed at verify: web v1.2 answers 500 on /healthz; fix it and deploy again."
                  + " Rolled back by undo-set-image, undo-set-config.");
      assertThat(h.engine.steps(run.id()))
          .extracting(StepRun::phase, StepRun::step, StepRun::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  Phase.FORWARD, "set-config", StepStatus.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple(Phase.FORWARD, "log", StepStatus.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple(Phase.FORWARD, "set-image", StepStatus.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple(Phase.FORWARD, "verify", StepStatus.FAILED),
              org.assertj.core.groups.Tuple.tuple(
                  Phase.COMPENSATING, "undo-set-image", StepStatus.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple(
                  Phase.COMPENSATING, "undo-set-config", StepStatus.SUCCEEDED));
      assertThat(h.eventTypes(run.id())).contains("StepFailed", "RollbackStarted");
      assertThat(h.engine.lockHolder(WEB)).isEmpty();
    }

    @Test
    @DisplayName("a failing undo stops the undoing: FAILED, and the message says what to check")
    void undoFails() {
      Step<DeployParams> brokenUndo =
          Step.<DeployParams>define(
                  "set-image",
                  ctx -> {
                    world.record("set-image");
                    return StepResult.done();
                  })
              .withUndo(
                  Step.define(
                      "restore-image",
                      ctx -> StepResult.failed(FailureKind.PERMANENT, "the old image is gone")));
      harness(
          TestPipeline.deploy(
              world.changing("set-config"),
              brokenUndo,
              Step.define("verify", ctx -> StepResult.failed(FailureKind.PERMANENT, "unhealthy"))));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.FAILED);
      assertThat(world.effects()).containsExactly("set-config", "set-image");
      assertThat(done.message())
          .contains(
              run.id()
                  + " failed at verify: unhealthy. Undoing failed at restore-image: the old image"
                  + " is gone; check deploy:prod/web by hand.");
    }

    @Test
    @DisplayName("a failure before anything changed ends FAILED with nothing to undo")
    void nothingToUndo() {
      harness(
          TestPipeline.deploy(
              Step.define(
                  "check-image",
                  ctx ->
                      StepResult.failed(
                          FailureKind.USER, "there is no image web:v1.2; push it first")),
              world.changing("set-image")));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.FAILED);
      assertThat(done.message())
          .contains(
              run.id()
                  + " failed at check-image: there is no image web:v1.2; push it first. Nothing"
                  + " needed undoing.");
      assertThat(world.effects()).isEmpty();
    }

    @Test
    @DisplayName("on-failure steps run after the undos; one that fails is reported, the rest go on")
    void onFailureSteps() {
      harness(
          TestPipeline.deploy(
                  world.changing("set-image"),
                  Step.define(
                      "verify", ctx -> StepResult.failed(FailureKind.PERMANENT, "unhealthy")))
              .onFailure(
                  Step.define(
                      "collect-logs",
                      ctx -> StepResult.failed(FailureKind.PERMANENT, "no pods left")),
                  world.step("notify-oncall")));
      Run run = h.start(deploy("U1"));

      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(world.effects())
          .containsExactly("set-image", "undo-set-image:before-set-image", "notify-oncall");
      assertThat(done.message())
          .contains(
              run.id()
                  + " failed at verify: unhealthy. Rolled back by undo-set-image. Then collect-logs"
                  + " failed too: no pods left.");
    }

    @Test
    @DisplayName(
        "a step that outlives its timeout is stopped, fails as TIMEOUT, and is undone around")
    void timesOut() {
      harness(
          TestPipeline.deploy(
              world.changing("set-image"),
              world
                  .waitsFor("wait-rollout", "never", Duration.ofMinutes(1))
                  .withTimeout(Duration.ofMinutes(5))));
      Run run = h.start(deploy("U1"));

      h.wakeUps.advance(Duration.ofMinutes(4));
      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.RUNNING);
      h.wakeUps.advance(Duration.ofMinutes(1));

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(done.failure()).get().extracting(f -> f.kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(done.message())
          .contains(
              run.id()
                  + " failed at wait-rollout: wait-rollout did not finish within 5m. Rolled back by"
                  + " undo-set-image.");
      assertThat(world.effects())
          .containsExactly(
              "set-image", "cancelled wait-rollout", "undo-set-image:before-set-image");
      assertThat(done.state().finishedAt()).contains(T0.plus(Duration.ofMinutes(5)));
    }
  }

  @Nested
  @DisplayName("cancel")
  class Cancel {
    @Test
    @DisplayName("cancelling a running run runs the step's cancel hook, then the undos: CANCELLED")
    void cancelsARunningRun() {
      harness(
          TestPipeline.deploy(
              world.changing("set-image"),
              world.waitsFor("wait-rollout", "never", Duration.ofMinutes(1))));
      Run run = h.start(deploy("U1"));
      h.wakeUps.fireDue();

      CancelResult result = h.engine.cancel(run.id(), "U2");
      assertThat(result).isInstanceOf(CancelResult.Requested.class);
      assertThat(h.engine.cancel(run.id(), "U3")).isInstanceOf(CancelResult.AlreadyRequested.class);
      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(world.effects())
          .containsExactly(
              "set-image", "cancelled wait-rollout", "undo-set-image:before-set-image");
      assertThat(done.message())
          .contains(
              run.id()
                  + " was cancelled by U2 during wait-rollout. Rolled back by undo-set-image.");
      assertThat(h.engine.lockHolder(WEB)).isEmpty();
      assertThat(h.engine.audit(run.id()))
          .extracting(AuditEntry::action, AuditEntry::actor)
          .contains(org.assertj.core.groups.Tuple.tuple(AuditAction.CANCEL_REQUESTED, "U2"));
      assertThat(h.engine.cancel(run.id(), "U2")).isInstanceOf(CancelResult.AlreadyFinished.class);
    }

    @Test
    @DisplayName("a cancel during a rollback lets the rollback finish")
    void cancelDuringRollback() {
      harness(
          TestPipeline.deploy(
              world
                  .step("a")
                  .withUndo(world.waitsFor("slow-undo", "undone", Duration.ofMinutes(1))),
              Step.define("verify", ctx -> StepResult.failed(FailureKind.PERMANENT, "unhealthy"))));
      Run run = h.start(deploy("U1"));
      h.wakeUps.fireDue();
      assertThat(h.run(run.id()).isRollingBack()).isTrue();

      CancelResult result = h.engine.cancel(run.id(), "U2");
      world.turnOn("undone");
      h.wakeUps.advance(Duration.ofMinutes(1));

      assertThat(result.userMessage()).contains("already rolling back");
      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.ROLLED_BACK);
    }

    @Test
    @DisplayName("an unknown run cannot be cancelled, and the answer says where to look")
    void unknownRun() {
      harness(TestPipeline.deploy(world.step("a")));

      CancelResult result = h.engine.cancel(new dev.shipmate.engine.run.RunId("d-zzzz"), "U2");

      assertThat(result.userMessage())
          .isEqualTo("There is no run d-zzzz. /runs lists the active ones.");
    }
  }

  @Nested
  @DisplayName("approvals")
  class Approvals {
    @Test
    @DisplayName("a run waits for N distinct approvers other than the requester, then runs")
    void granted() {
      harness(TestPipeline.deploy(world.step("set-image")));
      Run run = h.start(deploy("U1").approvals(2));
      assertThat(run.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
      h.wakeUps.fireDue();
      assertThat(world.effects()).isEmpty();

      assertThat(h.engine.approve(run.id(), "U1"))
          .isInstanceOf(ApproveResult.RequesterCannotApprove.class);
      assertThat(h.engine.approve(run.id(), "U2")).isEqualTo(new ApproveResult.Recorded(run, 1, 2));
      assertThat(h.engine.approve(run.id(), "U2"))
          .isInstanceOf(ApproveResult.AlreadyApproved.class);
      h.wakeUps.fireDue();
      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.AWAITING_APPROVAL);

      ApproveResult second = h.engine.approve(run.id(), "U3");
      assertThat(second)
          .isInstanceOfSatisfying(
              ApproveResult.Recorded.class, r -> assertThat(r.complete()).isTrue());
      h.wakeUps.fireDue();

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(h.engine.approvers(run.id())).containsExactly("U2", "U3");
      assertThat(h.engine.audit(run.id()))
          .extracting(AuditEntry::action)
          .containsExactly(
              AuditAction.RUN_REQUESTED,
              AuditAction.APPROVAL_REFUSED,
              AuditAction.APPROVED,
              AuditAction.APPROVED,
              AuditAction.RUN_FINISHED);
    }

    @Test
    @DisplayName("the requester's own approval is refused, changes nothing, and says whom to ask")
    void requesterRefused() {
      harness(TestPipeline.deploy(world.step("set-image")));
      Run run = h.start(deploy("U1").approvals(1));

      ApproveResult result = h.engine.approve(run.id(), "U1");

      assertThat(result.userMessage())
          .isEqualTo(
              "You asked for " + run.id() + ", so you cannot approve it: ask another approver.");
      assertThat(h.engine.approvers(run.id())).isEmpty();
      h.wakeUps.fireDue();
      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    }

    @Test
    @DisplayName("unapproved after the approval window, the run ends CANCELLED and frees its lock")
    void expires() {
      harness(TestPipeline.deploy(world.step("set-image")));
      Run run = h.start(deploy("U1").approvals(2));
      h.engine.approve(run.id(), "U2");

      h.clock.advance(Duration.ofHours(1));
      assertThat(h.engine.approve(run.id(), "U3")).isInstanceOf(ApproveResult.Expired.class);
      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(done.message())
          .contains(run.id() + " was cancelled: not approved within 1h (1 of 2 approvals).");
      assertThat(world.effects()).isEmpty();
      assertThat(h.engine.lockHolder(WEB)).isEmpty();
      assertThat(h.engine.approve(run.id(), "U3"))
          .isInstanceOf(ApproveResult.NotAwaitingApproval.class);
    }

    @Test
    @DisplayName("a run awaiting approval can be cancelled, and ends at once with nothing undone")
    void cancelledWhileAwaiting() {
      harness(TestPipeline.deploy(world.changing("set-image")));
      Run run = h.start(deploy("U1").approvals(1));

      h.engine.cancel(run.id(), "U1");
      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(done.message())
          .contains(run.id() + " was cancelled by U1 before it was approved.");
      assertThat(world.effects()).isEmpty();
    }
  }

  @Nested
  @DisplayName("locks")
  class Locks {
    @Test
    @DisplayName("a second run on a busy target is refused with who holds it and since when")
    void contention() {
      harness(TestPipeline.deploy(world.waitsFor("wait-rollout", "ready", Duration.ofMinutes(1))));
      Run first = h.start(deploy("U1"));
      h.wakeUps.fireDue();
      h.clock.advance(Duration.ofMinutes(2));

      StartResult second = h.engine.start(deploy("U2"));

      assertThat(second)
          .isEqualTo(new StartResult.Refused(new LockHolder(WEB, first.id(), "U1", T0)));
      assertThat(((StartResult.Refused) second).userMessage())
          .isEqualTo(
              "deploy:prod/web is busy: run "
                  + first.id()
                  + ", started by U1 at 2026-11-21 10:00 UTC, still holds it. Wait for it to finish,"
                  + " or cancel it with /cancel "
                  + first.id()
                  + ".");
      assertThat(h.engine.history(WEB, 10)).extracting(Run::id).containsExactly(first.id());

      world.turnOn("ready");
      h.wakeUps.advance(Duration.ofMinutes(1));
      assertThat(h.engine.start(deploy("U2"))).isInstanceOf(StartResult.Started.class);
      assertThat(h.engine.history(WEB, 1)).extracting(Run::requester).containsExactly("U2");
    }

    @Test
    @DisplayName(
        "plan(request) says what a start would do — summary, key, who holds it, also a key it"
            + " must not start beside — and writes nothing")
    void planWritesNothing() {
      harness(
          TestPipeline.deploy(world.step("set-image")),
          TestPipeline.named(
              "upgrade", 'u', world.waitsFor("upgrade-nodes", "done", Duration.ofMinutes(1))));
      StartRequest request =
          StartRequest.of("deploy", DeployParams.web("v1.2").onCluster("prod-eu"), "U1");

      StartPlan free = h.engine.plan(request);
      assertThat(free.target()).contains(WEB);
      assertThat(free.problems()).isEmpty();
      assertThat(free.holder()).isEmpty();
      assertThat(h.engine.active()).isEmpty();
      assertThat(h.engine.audit(WEB, 5)).isEmpty();

      Run upgrade =
          h.start(StartRequest.of("upgrade", DeployParams.web("1.31").onCluster("prod-eu"), "U9"));
      StartPlan busy = h.engine.plan(request);
      assertThat(busy.holder())
          .hasValueSatisfying(holder -> assertThat(holder.runId()).isEqualTo(upgrade.id()));
      assertThat(h.engine.active()).extracting(Run::id).containsExactly(upgrade.id());
    }

    @Test
    @DisplayName("a deploy is refused while its cluster is being upgraded, and holds nothing")
    void refusedWhileClusterHeld() {
      harness(
          TestPipeline.deploy(world.step("set-image")),
          TestPipeline.named(
              "upgrade", 'u', world.waitsFor("upgrade-nodes", "done", Duration.ofMinutes(1))));
      Run upgrade =
          h.start(StartRequest.of("upgrade", DeployParams.web("1.31").onCluster("prod-eu"), "U9"));
      h.wakeUps.fireDue();

      StartResult deploy =
          h.engine.start(
              StartRequest.of("deploy", DeployParams.web("v1.2").onCluster("prod-eu"), "U1"));

      assertThat(deploy)
          .isInstanceOfSatisfying(
              StartResult.Refused.class,
              r -> {
                assertThat(r.holder().runId()).isEqualTo(upgrade.id());
                assertThat(r.holder().key()).isEqualTo(LockKey.of("cluster", "prod-eu"));
              });
      assertThat(h.engine.lockHolder(WEB)).isEmpty();
      assertThat(h.engine.audit(WEB, 5))
          .extracting(AuditEntry::action)
          .containsExactly(AuditAction.RUN_REFUSED);
    }
  }

  @Nested
  @DisplayName("recovery")
  class Recovery {
    /** What a process dying inside a step looks like from the journal's side. */
    static final class SimulatedCrash extends Error {
      SimulatedCrash() {
        super("the process died here");
      }
    }

    @Test
    @DisplayName(
        "after a crash inside a re-entrant step, a new engine re-enters it and finishes once")
    void reentersAfterCrash() {
      Step<DeployParams> setImage =
          Step.define(
              "set-image",
              ctx -> {
                if (ctx.attempt() == 1) {
                  throw new SimulatedCrash();
                }
                world.record("set-image");
                return StepResult.done();
              });
      harness(TestPipeline.deploy(world.step("check"), setImage, world.step("announce")));
      Run run = h.start(deploy("U1"));
      assertThatThrownBy(() -> h.wakeUps.fireDue()).isInstanceOf(SimulatedCrash.class);
      assertThat(h.engine.steps(run.id()).get(1).inFlight()).isTrue();

      h.restart();
      h.wakeUps.fireDue();

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(world.effects()).containsExactly("check", "set-image", "announce");
      assertThat(h.engine.steps(run.id()).get(1).attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName(
        "a step that cannot be re-entered fails after a crash, says why, and is undone around")
    void refusesToReenter() {
      Step<DeployParams> migrate =
          Step.<DeployParams>define(
                  "run-migration",
                  ctx -> {
                    world.record("run-migration");
                    throw new SimulatedCrash();
                  })
              .notReentrant();
      harness(TestPipeline.deploy(world.changing("set-image"), migrate));
      Run run = h.start(deploy("U1"));
      assertThatThrownBy(() -> h.wakeUps.fireDue()).isInstanceOf(SimulatedCrash.class);

      h.restart();
      h.wakeUps.fireDue();

      Run done = h.run(run.id());
      assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(world.count("run-migration")).isEqualTo(1);
      assertThat(done.message())
          .contains(
              run.id()
                  + " failed at run-migration: Shipmate stopped while run-migration was under way,"
                  + " and run-migration cannot safely be run a second time. Rolled back by"
                  + " undo-set-image.");
    }

    @Test
    @DisplayName(
        "on start, runs that are waiting are looked at again without waiting for their timer")
    void recoversWaitingRuns() {
      harness(TestPipeline.deploy(world.waitsFor("wait-rollout", "ready", Duration.ofMinutes(10))));
      Run run = h.start(deploy("U1"));
      h.wakeUps.fireDue();
      world.turnOn("ready");

      h.restart();
      h.wakeUps.fireDue();

      assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  @DisplayName("active lists unfinished runs; history lists a target's last runs, newest first")
  void activeAndHistory() {
    harness(TestPipeline.deploy(world.waitsFor("wait-rollout", "ready", Duration.ofMinutes(1))));
    Run first = h.start(deploy("U1"));
    world.turnOn("ready");
    h.wakeUps.fireDue();
    h.clock.advance(Duration.ofMinutes(1));
    Run second = h.start(deploy("U2"));

    assertThat(h.engine.active()).extracting(Run::id).containsExactly(second.id());
    assertThat(h.engine.history(WEB, 5))
        .extracting(Run::id)
        .containsExactly(second.id(), first.id());
  }

  @Test
  @DisplayName("a request is claimed once; a blank or overlong key is refused with its limits")
  void claimsRequestsOnce() {
    harness(TestPipeline.deploy(world.step("check-image")));

    assertThat(h.engine.claimRequest("slack:T1:7.8.trigger")).isTrue();
    assertThat(h.engine.claimRequest("slack:T1:7.8.trigger")).isFalse();
    assertThat(h.engine.forgetRequestsBefore(T0.plusSeconds(1))).isEqualTo(1);
    assertThat(h.engine.claimRequest("slack:T1:7.8.trigger")).isTrue();
    assertThatThrownBy(() -> h.engine.claimRequest(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 200 characters");
    assertThatThrownBy(() -> h.engine.claimRequest("k".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
