package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeScope;
import dev.shipmate.config.FreezeTiming;
import dev.shipmate.config.FreezeWindow;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.support.TestPipeline;
import dev.shipmate.engine.support.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A queue per target, on a real H2 journal and the manual clock: a run asked for with {@code
 * --queue} on a held target waits, in order, and starts by itself when the target frees — after a
 * restart too; a cancel takes it out of the queue.
 */
@DisplayName("a queue per target")
class QueueTest {
  static Database database;

  final World world = new World();
  EngineHarness h;

  /** In force for the first hour after the harness's T0. */
  static final FreezeWindow RELEASE =
      new FreezeWindow(
          "release",
          "release party",
          new FreezeScope(List.of("prod"), List.of(), List.of()),
          new FreezeTiming.OneOff(EngineHarness.T0, EngineHarness.T0.plus(Duration.ofHours(1))),
          FreezeBlock.DEFAULT);

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

  private void harness(List<FreezeWindow> windows) {
    h =
        new EngineHarness(
            database,
            new FreezeCalendar(windows),
            TestPipeline.deploy(rollout()).changing(FreezeBlock.DEPLOY));
  }

  /** Records its version once, then rolls out until the switch named after the version is on. */
  private Step<DeployParams> rollout() {
    return Step.<DeployParams>define(
        "rollout",
        ctx -> {
          String version = ctx.params().version();
          if (world.call("rollout " + version) == 1) {
            world.record("start " + version);
          }
          return world.isOn(version)
              ? StepResult.done()
              : StepResult.running(Duration.ofSeconds(10), "rolling out " + version);
        });
  }

  private static StartRequest deploy(String version, String requester) {
    return StartRequest.of("deploy", DeployParams.web(version), requester);
  }

  private StartResult.Queued queue(String version, String requester) {
    StartResult result = h.engine.start(deploy(version, requester).queue(true));
    assertThat(result).isInstanceOf(StartResult.Queued.class);
    return (StartResult.Queued) result;
  }

  /** Lets the run of {@code version} finish its rollout, and everything due happen. */
  private void finish(String version) {
    world.turnOn(version);
    h.wakeUps.advance(Duration.ofSeconds(10));
    h.wakeUps.fireDue();
  }

  private RunStatus status(Run run) {
    return h.run(run.id()).status();
  }

  @Test
  @DisplayName(
      "a queued run waits without a lock, says who is ahead, and starts when the holder ends")
  void startsWhenTheLockFrees() {
    harness(List.of());
    Run first = h.start(deploy("v1", "U1"));
    h.wakeUps.fireDue();

    StartResult.Queued queued = queue("v2", "U2");
    h.wakeUps.fireDue();

    Run second = queued.run();
    assertThat(status(second)).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.place().position()).isEqualTo(1);
    assertThat(queued.place().ahead()).isEmpty();
    assertThat(queued.place().holder())
        .hasValueSatisfying(x -> assertThat(x.runId()).isEqualTo(first.id()));
    assertThat(h.engine.lockHolder(LockKey.of("deploy", "prod/web")))
        .hasValueSatisfying(x -> assertThat(x.runId()).isEqualTo(first.id()));
    assertThat(world.effects()).containsExactly("start v1");

    finish("v1");

    assertThat(status(first)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(status(second)).isEqualTo(RunStatus.RUNNING);
    assertThat(h.engine.queuePlace(second.id())).isEmpty();
    assertThat(world.effects()).containsExactly("start v1", "start v2");
    assertThat(h.eventTypes(second.id()))
        .startsWith("RunRequested", "Dequeued", "RunStarted", "StepStarted");
    assertThat(h.engine.audit(second.id()))
        .extracting(AuditEntry::action)
        .containsSubsequence(AuditAction.QUEUED, AuditAction.QUEUE_STARTED);

    finish("v2");
    assertThat(status(second)).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("without --queue a held target is still refused, and nothing is queued")
  void refusedWithoutQueue() {
    harness(List.of());
    h.start(deploy("v1", "U1"));

    assertThat(h.engine.start(deploy("v2", "U2"))).isInstanceOf(StartResult.Refused.class);
    assertThat(h.engine.queued()).isEmpty();
  }

  @Test
  @DisplayName("a queued run survives a restart (a new engine on the same store) and starts then")
  void survivesARestart() {
    harness(List.of());
    Run first = h.start(deploy("v1", "U1"));
    h.wakeUps.fireDue();
    Run second = queue("v2", "U2").run();

    h.restart();
    h.wakeUps.fireDue();

    assertThat(status(first)).isEqualTo(RunStatus.RUNNING);
    assertThat(status(second)).isEqualTo(RunStatus.QUEUED);
    assertThat(h.engine.queuePlace(second.id()))
        .hasValueSatisfying(p -> assertThat(p.position()).isEqualTo(1));

    finish("v1");

    assertThat(status(first)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(status(second)).isEqualTo(RunStatus.RUNNING);
    assertThat(world.effects()).containsExactly("start v1", "start v2");
  }

  @Test
  @DisplayName("two queued runs keep their order; the second is told when it moves up")
  void keepsTheOrder() {
    harness(List.of());
    Run first = h.start(deploy("v1", "U1"));
    h.wakeUps.fireDue();
    Run second = queue("v2", "U2").run();
    StartResult.Queued third = queue("v3", "U3");
    h.wakeUps.fireDue();

    assertThat(third.place().position()).isEqualTo(2);
    assertThat(third.place().ahead()).extracting(Run::id).containsExactly(second.id());
    assertThat(h.engine.queued())
        .extracting(p -> p.run().id(), QueuePlace::position)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(second.id(), 1),
            org.assertj.core.groups.Tuple.tuple(third.run().id(), 2));

    finish("v1");

    assertThat(status(first)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(status(second)).isEqualTo(RunStatus.RUNNING);
    assertThat(status(third.run())).isEqualTo(RunStatus.QUEUED);
    assertThat(h.events)
        .filteredOn(
            e -> e instanceof RunEvent.QueueMoved m && m.run().id().equals(third.run().id()))
        .extracting(e -> ((RunEvent.QueueMoved) e).position())
        .containsExactly(1);

    finish("v2");
    assertThat(status(third.run())).isEqualTo(RunStatus.RUNNING);
    finish("v3");

    assertThat(world.effects()).containsExactly("start v1", "start v2", "start v3");
    assertThat(status(third.run())).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("a cancel takes a queued run out of the queue; the one behind moves up")
  void cancelRemoves() {
    harness(List.of());
    h.start(deploy("v1", "U1"));
    h.wakeUps.fireDue();
    Run second = queue("v2", "U2").run();
    Run third = queue("v3", "U3").run();

    assertThat(h.engine.cancel(second.id(), "U2")).isInstanceOf(CancelResult.Requested.class);
    h.wakeUps.fireDue();

    assertThat(status(second)).isEqualTo(RunStatus.CANCELLED);
    assertThat(h.run(second.id()).message())
        .hasValue(second.id() + " was cancelled by U2 while it waited in the queue.");
    assertThat(h.engine.queuePlace(third.id()))
        .hasValueSatisfying(p -> assertThat(p.position()).isEqualTo(1));
    assertThat(h.engine.audit(second.id()))
        .extracting(AuditEntry::action)
        .contains(AuditAction.QUEUE_REMOVED);

    finish("v1");

    assertThat(status(third)).isEqualTo(RunStatus.RUNNING);
    assertThat(world.effects()).containsExactly("start v1", "start v3");
  }

  @Test
  @DisplayName(
      "a queued run that needs approval asks for it when its turn comes, with a fresh window")
  void approvalsWhenItsTurnComes() {
    harness(List.of());
    h.start(deploy("v1", "U1"));
    h.wakeUps.fireDue();
    Run second = queue("v2", "U2").run();
    assertThat(h.engine.start(deploy("v3", "U3").approvals(1).queue(true)))
        .isInstanceOf(StartResult.Queued.class);
    Run approved = h.engine.queued().get(1).run();
    assertThat(h.engine.approve(approved.id(), "U9"))
        .isInstanceOf(ApproveResult.NotAwaitingApproval.class);

    h.clock.advance(Duration.ofHours(2));
    finish("v1");
    finish("v2");

    Run turn = h.run(approved.id());
    assertThat(status(second)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(turn.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(turn.approvalDeadline()).hasValue(h.clock.instant().plus(Duration.ofHours(1)));
    assertThat(h.engine.approve(approved.id(), "U9")).isInstanceOf(ApproveResult.Recorded.class);
    h.wakeUps.fireDue();
    assertThat(status(approved)).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  @DisplayName("a frozen target queues with --queue and starts when the freeze ends")
  void startsWhenTheFreezeEnds() {
    harness(List.of(RELEASE));

    StartResult.Queued queued = queue("v2", "U2");
    h.wakeUps.fireDue();

    assertThat(status(queued.run())).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.place().frozen()).extracting(f -> f.name()).containsExactly("release");
    assertThat(h.engine.lockHolder(LockKey.of("deploy", "prod/web"))).isEmpty();

    h.wakeUps.advance(Duration.ofMinutes(59));
    assertThat(status(queued.run())).isEqualTo(RunStatus.QUEUED);
    h.wakeUps.advance(Duration.ofMinutes(1));
    assertThat(h.clock.instant()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    assertThat(status(queued.run())).isEqualTo(RunStatus.RUNNING);
  }
}
