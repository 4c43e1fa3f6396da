package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeScope;
import dev.shipmate.config.FreezeTarget;
import dev.shipmate.config.FreezeTiming;
import dev.shipmate.config.FreezeWindow;
import dev.shipmate.config.InFlightRule;
import dev.shipmate.config.InFlightRules;
import dev.shipmate.config.Watchdogs;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.support.TestPipeline;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The in-flight rule on a real H2 journal and the manual clock: an upgrade a window catches between
 * two nodes finishes its node, pauses, says until when, and goes on by itself when the window
 * closes (or when someone resumes it); a deploy already rolling finishes.
 */
@DisplayName("runs in flight when a freeze comes into force")
class InFlightRulesTest {
  static Database database;

  static final Instant T0 = EngineHarness.T0;
  static final Duration NODE = Duration.ofMinutes(10);

  EngineHarness h;
  final AtomicInteger nodes = new AtomicInteger();
  final List<Instant> nodeStarts = new ArrayList<>();

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

  /** Four nodes, one per check, ten minutes apart; asks the context before starting each. */
  private Step<DeployParams> nodesStep() {
    return Step.<DeployParams>define(
            "nodes",
            context -> {
              if (nodes.get() == 4) {
                return StepResult.done();
              }
              Optional<FreezeHold> hold = context.freezeHold();
              if (hold.isPresent()) {
                return StepResult.held(hold.get(), "node " + nodes.get() + "/4 replaced");
              }
              nodeStarts.add(context.now());
              return StepResult.running(NODE, "node " + nodes.incrementAndGet() + "/4 replaced");
            })
        .withTimeout(Duration.ofDays(2));
  }

  private TestPipeline upgrade() {
    return TestPipeline.named("upgrade", 'u', nodesStep())
        .asPausable()
        .changing(FreezeBlock.UPGRADE);
  }

  private static StartRequest upgradeRequest() {
    return StartRequest.of("upgrade", DeployParams.web("1.31").onCluster("prod-eu"), "U1");
  }

  private static FreezeWindow oneOff(String name, Instant from, Instant until) {
    return new FreezeWindow(
        name,
        "maintenance of the load balancers",
        new FreezeScope(List.of(), List.of("prod-eu"), List.of()),
        new FreezeTiming.OneOff(from, until),
        FreezeBlock.DEFAULT);
  }

  private void harness(List<FreezeWindow> windows, EngineSettings settings, TestPipeline... all) {
    h = new EngineHarness(database, new FreezeCalendar(windows), settings, all);
  }

  private List<AuditEntry> ledger(Run run, AuditAction action) {
    return h.engine.audit(run.id()).stream().filter(e -> e.action() == action).toList();
  }

  @Test
  @DisplayName(
      "a window opening mid-run: the node in hand finishes, the next waits; at the window's end"
          + " it goes on by itself")
  void upgradePausesBetweenNodes() {
    Instant opens = T0.plus(Duration.ofMinutes(15));
    Instant closes = T0.plus(Duration.ofHours(2));
    harness(List.of(oneOff("lb-maintenance", opens, closes)), EngineSettings.defaults(), upgrade());

    Run run = h.start(upgradeRequest());
    h.wakeUps.advance(Duration.ofMinutes(30));

    Run held = h.run(run.id());
    assertThat(nodes).hasValue(2);
    assertThat(nodeStarts).containsExactly(T0, T0.plus(NODE));
    assertThat(held.isPaused()).isTrue();
    FreezeHold hold = held.pause().orElseThrow().hold().orElseThrow();
    assertThat(hold.freezes()).containsExactly("lb-maintenance");
    assertThat(hold.until()).isEqualTo(closes);
    assertThat(h.wakeUps.next(run.id())).contains(closes);
    assertThat(h.events)
        .filteredOn(e -> e instanceof RunEvent.RunHeld)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.describe())
                    .isEqualTo(
                        run.id()
                            + " paused at nodes (node 2/4 replaced): the freeze lb-maintenance is"
                            + " in force until 2026-11-21 12:00 UTC: maintenance of the load"
                            + " balancers. It goes on by itself then."));
    assertThat(ledger(run, AuditAction.HELD_BY_FREEZE)).hasSize(1);

    h.wakeUps.advance(Duration.between(h.clock.instant(), closes).minusSeconds(1));
    assertThat(nodes).hasValue(2);
    assertThat(h.run(run.id()).isPaused()).isTrue();

    h.wakeUps.advance(Duration.ofHours(1));

    assertThat(nodeStarts).containsExactly(T0, T0.plus(NODE), closes, closes.plus(NODE));
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(ledger(run, AuditAction.RESUMED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo(AuditEntry.ENGINE);
              assertThat(e.detail())
                  .isEqualTo(
                      run.id() + " goes on: the freeze lb-maintenance is no longer in force");
            });
  }

  @Test
  @DisplayName(
      "a held upgrade that someone resumes goes through that freeze, and is not held again")
  void resumeGoesThrough() {
    Instant opens = T0.plus(Duration.ofMinutes(15));
    harness(
        List.of(oneOff("lb-maintenance", opens, T0.plus(Duration.ofHours(6)))),
        EngineSettings.defaults(),
        upgrade());
    Run run = h.start(upgradeRequest());
    h.wakeUps.advance(Duration.ofMinutes(30));
    assertThat(h.run(run.id()).isPaused()).isTrue();

    assertThat(h.engine.resume(run.id(), "U2")).isInstanceOf(PauseResult.Resumed.class);
    h.wakeUps.advance(Duration.ofMinutes(30));

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(nodes).hasValue(4);
    assertThat(ledger(run, AuditAction.RESUMED_THROUGH_FREEZE))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("U2"));
    assertThat(ledger(run, AuditAction.HELD_BY_FREEZE)).hasSize(1);
  }

  @Test
  @DisplayName(
      "a break-glass upgrade goes through the freeze it was asked in, but a freeze that begins"
          + " later holds it")
  void breakGlassPassesItsFreezeOnly() {
    Instant later = T0.plus(Duration.ofMinutes(25));
    harness(
        List.of(
            oneOff("lb-maintenance", T0, T0.plus(Duration.ofHours(6))),
            oneOff("release", later, later.plus(Duration.ofHours(1)))),
        EngineSettings.defaults(),
        upgrade());
    Run run = h.start(upgradeRequest().breakGlass("hotfix for INC-42"));
    assertThat(h.engine.approve(run.id(), "U2")).isInstanceOf(ApproveResult.Recorded.class);

    h.wakeUps.advance(Duration.ofMinutes(21));
    assertThat(nodes).hasValue(3);
    assertThat(h.run(run.id()).isPaused()).isFalse();

    h.wakeUps.advance(Duration.ofMinutes(10));
    assertThat(nodes).hasValue(3);
    assertThat(h.run(run.id()).pause().flatMap(p -> p.hold()).map(FreezeHold::freezes))
        .contains(List.of("release"));
  }

  @Test
  @DisplayName("a freeze set from chat holds the next node; lifted, the watchdog lets it go on")
  void liftedFreezeLetsItGoOn() {
    harness(List.of(), EngineSettings.defaults(), upgrade());
    Run run = h.start(upgradeRequest());
    h.wakeUps.advance(Duration.ofMinutes(5));
    h.engine
        .freezes()
        .freeze(
            new FreezeTarget(FreezeTarget.Kind.CLUSTER, "prod-eu"),
            Duration.ofHours(3),
            "release party",
            "U7");
    h.wakeUps.advance(Duration.ofMinutes(10));
    assertThat(h.run(run.id()).pause().flatMap(p -> p.hold()).map(FreezeHold::freezes))
        .contains(List.of("prod-eu"));

    h.engine.freezes().unfreeze(new FreezeTarget(FreezeTarget.Kind.CLUSTER, "prod-eu"), "U7");
    h.clock.advance(Duration.ofMinutes(1));
    h.engine.watchdog().look();
    h.wakeUps.fireDue();

    assertThat(h.run(run.id()).isPaused()).isFalse();
    assertThat(nodes).hasValue(2);
  }

  @Test
  @DisplayName("a deploy already rolling when a window opens is let finish, by default")
  void deployFinishes() {
    AtomicInteger checks = new AtomicInteger();
    TestPipeline deploy =
        TestPipeline.deploy(
                Step.<DeployParams>define(
                        "rollout",
                        context ->
                            checks.incrementAndGet() < 4
                                ? StepResult.running(NODE, checks.get() + "/4 pods updated")
                                : StepResult.done())
                    .withTimeout(Duration.ofDays(1)),
                Step.define("verify", context -> StepResult.done()))
            .changing(FreezeBlock.DEPLOY);
    harness(
        List.of(
            new FreezeWindow(
                "release",
                "release party",
                new FreezeScope(List.of("prod"), List.of(), List.of()),
                new FreezeTiming.OneOff(
                    T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofHours(2))),
                FreezeBlock.DEFAULT)),
        EngineSettings.defaults(),
        deploy);

    Run run = h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1"));
    h.wakeUps.advance(Duration.ofMinutes(40));

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.events).noneMatch(e -> e instanceof RunEvent.RunHeld);
    assertThat(ledger(run, AuditAction.HELD_BY_FREEZE)).isEmpty();
  }

  @Test
  @DisplayName("with inFlight: deploy: pause, a deploy finishes its step and waits before the next")
  void deployPausesWhenConfigured() {
    AtomicInteger rollouts = new AtomicInteger();
    TestPipeline twoSteps =
        TestPipeline.deploy(
                Step.define(
                    "rollout",
                    context ->
                        rollouts.incrementAndGet() < 2
                            ? StepResult.running(NODE, "rolling")
                            : StepResult.done()),
                Step.define("verify", context -> StepResult.done()))
            .changing(FreezeBlock.DEPLOY);
    EngineSettings pauseDeploys =
        EngineSettings.defaults()
            .withChangeControl(
                InFlightRules.DEFAULTS.with(FreezeBlock.DEPLOY, InFlightRule.PAUSE),
                Watchdogs.DEFAULTS);
    harness(
        List.of(
            new FreezeWindow(
                "release",
                "release party",
                new FreezeScope(List.of("prod"), List.of(), List.of()),
                new FreezeTiming.OneOff(
                    T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofHours(2))),
                FreezeBlock.DEFAULT)),
        pauseDeploys,
        twoSteps);

    Run run = h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1"));
    h.wakeUps.advance(Duration.ofMinutes(30));

    Run held = h.run(run.id());
    assertThat(held.isPaused()).isTrue();
    assertThat(held.currentStep()).contains("verify");
    assertThat(h.engine.steps(run.id())).extracting(s -> s.step()).containsExactly("rollout");

    h.wakeUps.advance(Duration.ofHours(2));
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName(
      "a Saturday 22:00 - Sunday 06:00 Berlin window holds an upgrade 7 hours on the last Sunday"
          + " of March and 9 on the last Sunday of October")
  void weeklyWindowAcrossDaylightSaving() {
    FreezeWindow nights =
        new FreezeWindow(
            "saturday-night",
            "the batch owns the cluster",
            new FreezeScope(List.of(), List.of("prod-eu"), List.of()),
            new FreezeTiming.Weekly(
                DayOfWeek.SATURDAY,
                LocalTime.of(22, 0),
                DayOfWeek.SUNDAY,
                LocalTime.of(6, 0),
                ZoneId.of("Europe/Berlin")),
            FreezeBlock.DEFAULT);

    // March 2027: Saturday 27th 22:00 CET is 21:00Z; Sunday 28th 06:00 CEST is 04:00Z.
    assertHeldBetween(
        nights, Instant.parse("2027-03-27T21:00:00Z"), Instant.parse("2027-03-28T04:00:00Z"));
    h.close();
    h = null;
    nodes.set(0);
    nodeStarts.clear();
    // October 2027: Saturday 30th 22:00 CEST is 20:00Z; Sunday 31st 06:00 CET is 05:00Z.
    assertHeldBetween(
        nights, Instant.parse("2027-10-30T20:00:00Z"), Instant.parse("2027-10-31T05:00:00Z"));
  }

  private void assertHeldBetween(FreezeWindow window, Instant opens, Instant closes) {
    harness(List.of(window), EngineSettings.defaults(), upgrade());
    h.clock.set(opens.minus(Duration.ofMinutes(20)));
    Run run = h.start(upgradeRequest());
    h.wakeUps.advance(Duration.ofMinutes(20).minusSeconds(1));
    assertThat(h.run(run.id()).isPaused()).isFalse();
    assertThat(nodes).hasValue(2);

    h.wakeUps.advance(Duration.ofSeconds(1));
    assertThat(h.run(run.id()).pause().flatMap(p -> p.hold()).map(FreezeHold::until))
        .contains(closes);
    h.wakeUps.advance(Duration.between(h.clock.instant(), closes).minusSeconds(1));
    assertThat(h.run(run.id()).isPaused()).isTrue();
    assertThat(nodes).hasValue(2);

    h.wakeUps.advance(Duration.ofSeconds(1));
    assertThat(nodeStarts).contains(closes);
    assertThat(nodes).hasValue(3);
  }
}
