package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeScope;
import dev.shipmate.config.FreezeTarget;
import dev.shipmate.config.FreezeTiming;
import dev.shipmate.config.FreezeWindow;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.run.Run;
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
 * Freezes at the engine's front door, on a real H2 journal and a manual clock: a frozen change is
 * refused before anything is written, a rollback passes, break-glass waits for someone else.
 */
@DisplayName("freezes at Engine.start")
class FreezesTest {
  static Database database;

  final World world = new World();
  EngineHarness h;

  /** In force for the first hour after the harness's T0 (2026-11-21T10:00Z). */
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
            TestPipeline.deploy(world.changing("set-image")).changing(FreezeBlock.DEPLOY),
            TestPipeline.named("rollback", 'r', world.changing("undo"))
                .changing(FreezeBlock.ROLLBACK));
  }

  private static StartRequest deploy() {
    return StartRequest.of("deploy", DeployParams.web("v1.2"), "U1");
  }

  @Test
  @DisplayName("a deploy in a window is refused, naming the freeze; when it closes, it starts")
  void windowRefusesThenCloses() {
    harness(List.of(RELEASE));

    StartResult frozen = h.engine.start(deploy());

    assertThat(frozen).isInstanceOf(StartResult.Frozen.class);
    ActiveFreeze freeze = ((StartResult.Frozen) frozen).freezes().get(0);
    assertThat(freeze.name()).isEqualTo("release");
    assertThat(freeze.reason()).isEqualTo("release party");
    assertThat(freeze.until()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    assertThat(h.engine.active()).isEmpty();
    assertThat(h.engine.audit(dev.shipmate.engine.run.LockKey.of("deploy", "prod/web"), 10))
        .isEmpty();

    h.clock.advance(Duration.ofHours(1));
    Run run = h.start(deploy());
    h.wakeUps.fireDue();
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("a rollback passes a freeze that does not say it blocks rollbacks")
  void rollbackPasses() {
    harness(List.of(RELEASE));

    Run rollback = h.start(StartRequest.of("rollback", DeployParams.web("v1.1"), "U1"));

    assertThat(rollback.status()).isEqualTo(RunStatus.PENDING);
  }

  @Test
  @DisplayName(
      "break-glass starts awaiting one approval even where none is asked, which the requester"
          + " cannot give; the ledger names the reason and the approver")
  void breakGlass() {
    harness(List.of(RELEASE));

    Run run = h.start(deploy().breakGlass("hotfix for INC-42"));

    assertThat(run.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(run.approvalsRequired()).isEqualTo(1);
    assertThat(h.engine.approve(run.id(), "U1"))
        .isInstanceOf(ApproveResult.RequesterCannotApprove.class);
    assertThat(h.engine.approve(run.id(), "U2")).isInstanceOf(ApproveResult.Recorded.class);
    h.wakeUps.fireDue();
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);

    List<AuditEntry> ledger = h.engine.audit(run.id());
    assertThat(ledger)
        .filteredOn(e -> e.action() == AuditAction.BREAK_GLASS)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("U1");
              assertThat(e.detail())
                  .isEqualTo(
                      "break-glass: deploy web v1.2 to prod through freeze release: hotfix for"
                          + " INC-42");
            });
    assertThat(ledger)
        .filteredOn(e -> e.action() == AuditAction.BREAK_GLASS_APPROVED)
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("U2"));
    assertThat(h.engine.breakGlassOf(run.id())).isPresent();
  }

  @Test
  @DisplayName("break-glass where nothing is frozen is an ordinary start, with no extra approval")
  void breakGlassWithoutFreeze() {
    harness(List.of());

    Run run = h.start(deploy().breakGlass("just in case"));

    assertThat(run.approvalsRequired()).isZero();
    assertThat(h.engine.breakGlassOf(run.id())).isEmpty();
  }

  @Test
  @DisplayName(
      "a freeze set from chat is stored: it holds after a restart, is lifted once, and ends on"
          + " time")
  void adHocFreeze() {
    harness(List.of());
    FreezeTarget prod = new FreezeTarget(FreezeTarget.Kind.ENVIRONMENT, "prod");
    h.engine.freezes().freeze(prod, Duration.ofHours(2), "release party", "U9");

    h.restart();

    StartResult frozen = h.engine.start(deploy());
    assertThat(frozen).isInstanceOf(StartResult.Frozen.class);
    ActiveFreeze freeze = ((StartResult.Frozen) frozen).freezes().get(0);
    assertThat(freeze.setBy()).contains("U9");
    assertThat(freeze.until()).isEqualTo(EngineHarness.T0.plus(Duration.ofHours(2)));

    assertThat(h.engine.freezes().unfreeze(prod, "U8")).hasSize(1);
    assertThat(h.engine.freezes().unfreeze(prod, "U8")).isEmpty();
    assertThat(h.engine.start(deploy())).isInstanceOf(StartResult.Started.class);
    assertThat(h.engine.audit(Freezes.ledgerKey(prod), 10))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditAction.FREEZE_LIFTED, "U8"),
            org.assertj.core.groups.Tuple.tuple(AuditAction.FREEZE_SET, "U9"));

    FreezeTarget cluster = new FreezeTarget(FreezeTarget.Kind.CLUSTER, "prod-eu");
    h.engine.freezes().freeze(cluster, Duration.ofMinutes(30), "maintenance", "U9");
    assertThat(h.engine.freezes().active()).hasSize(1);
    h.clock.advance(Duration.ofMinutes(30));
    assertThat(h.engine.freezes().active()).isEmpty();
  }
}
