package dev.shipmate.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.config.FreezeTarget;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.AdHocFreeze;
import dev.shipmate.engine.run.CancelRequest;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.run.StepStatus;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.testing.EngineTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every database behind {@link RunStore} must do; one subclass per database. The database is
 * migrated once per class and emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunStoreContract {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");
  static final LockKey WEB = LockKey.of("deploy", "prod/web");
  static final LockKey CLUSTER = LockKey.of("cluster", "prod-eu");

  Database database;
  RunStore store;
  private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

  abstract StoreSettings settings();

  @BeforeAll
  void open() {
    database = TestDatabases.open(settings());
    store = new RunStore(database.dataSource());
  }

  @BeforeEach
  void empty() {
    EngineTables.wipe(database);
  }

  @AfterAll
  void close() {
    database.close();
  }

  NewRun deploy(String requester, LockKey target, Set<LockKey> refuseWhileHeld) {
    return new NewRun(
        "deploy",
        "deploy web v1.2 to prod",
        "{\"service\":\"web\",\"version\":\"v1.2\"}",
        requester,
        Optional.of(ReplyAddress.channel("C0DEPLOYS")),
        target,
        refuseWhileHeld,
        0,
        Optional.empty());
  }

  Run created(NewRun request) {
    CreateResult result = store.create(request, () -> RunId.random('d', random), T0);
    assertThat(result).isInstanceOf(CreateResult.Created.class);
    return ((CreateResult.Created) result).run();
  }

  @Test
  @DisplayName("a created run is PENDING, holds its target's lock, and is journaled and audited")
  void createsARun() {
    Run run = created(deploy("U1", WEB, Set.of()));

    assertThat(run.id().value()).matches("d-[0-9a-z]{4}");
    assertThat(run.status()).isEqualTo(RunStatus.PENDING);
    assertThat(store.find(run.id())).contains(run);
    assertThat(store.holder(WEB)).contains(new LockHolder(WEB, run.id(), "U1", T0));
    assertThat(store.journal(run.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo("RunRequested"));
    assertThat(store.auditOf(WEB, 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.RUN_REQUESTED);
              assertThat(e.actor()).isEqualTo("U1");
              assertThat(e.runId()).contains(run.id());
            });
  }

  @Test
  @DisplayName("a run that needs approval starts AWAITING_APPROVAL with its deadline")
  void createsARunAwaitingApproval() {
    Instant deadline = T0.plus(Duration.ofHours(1));
    NewRun request =
        new NewRun(
            "deploy",
            "deploy",
            "{}",
            "U1",
            Optional.empty(),
            WEB,
            Set.of(),
            2,
            Optional.of(deadline));

    Run run = created(request);

    Run stored = store.find(run.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    assertThat(stored.approvalsRequired()).isEqualTo(2);
    assertThat(stored.approvalDeadline()).contains(deadline);
    assertThat(stored.replyTo()).isEmpty();
  }

  @Test
  @DisplayName("a second run on a held target is refused with the holder, and nothing is created")
  void refusesAHeldTarget() {
    Run first = created(deploy("U1", WEB, Set.of()));

    CreateResult second =
        store.create(
            deploy("U2", WEB, Set.of()), () -> RunId.random('d', random), T0.plusSeconds(5));

    assertThat(second)
        .isEqualTo(new CreateResult.Refused(new LockHolder(WEB, first.id(), "U1", T0)));
    assertThat(store.history(WEB, 10)).extracting(Run::id).containsExactly(first.id());
    assertThat(store.auditOf(WEB, 10))
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.RUN_REFUSED, AuditAction.RUN_REQUESTED);
  }

  @Test
  @DisplayName("a run is refused while a key it must not run beside is held, without holding it")
  void refusesWhileAnotherKeyIsHeld() {
    NewRun upgrade =
        new NewRun(
            "upgrade",
            "upgrade prod-eu",
            "{}",
            "U9",
            Optional.empty(),
            CLUSTER,
            Set.of(),
            0,
            Optional.empty());
    Run upgrading = created(upgrade);

    CreateResult deploy =
        store.create(deploy("U1", WEB, Set.of(CLUSTER)), () -> RunId.random('d', random), T0);

    assertThat(deploy).isInstanceOf(CreateResult.Refused.class);
    assertThat(((CreateResult.Refused) deploy).holder().runId()).isEqualTo(upgrading.id());
    assertThat(store.holder(WEB)).isEmpty();
  }

  @Test
  @DisplayName("checking a key without holding it lets two such runs go side by side")
  void checkedKeysAreNotHeld() {
    created(deploy("U1", WEB, Set.of(CLUSTER)));

    Run api = created(deploy("U2", LockKey.of("deploy", "prod/api"), Set.of(CLUSTER)));

    assertThat(store.holder(CLUSTER)).isEmpty();
    assertThat(api.status()).isEqualTo(RunStatus.PENDING);
  }

  @Test
  @DisplayName("a lock whose run is gone, or over, is reclaimed by the next run")
  void reclaimsStaleLocks() throws SQLException {
    Run finished = created(deploy("U1", WEB, Set.of()));
    finish(finished, RunStatus.SUCCEEDED);
    insertLock(WEB, finished.id()); // as if the release had been lost
    insertLock(CLUSTER, new RunId("x-zzzz")); // a run that does not exist

    Run next = created(deploy("U2", WEB, Set.of(CLUSTER)));
    Run upgrade =
        created(
            new NewRun(
                "upgrade",
                "upgrade",
                "{}",
                "U3",
                Optional.empty(),
                CLUSTER,
                Set.of(),
                0,
                Optional.empty()));

    assertThat(store.holder(WEB).map(LockHolder::runId)).contains(next.id());
    assertThat(store.holder(CLUSTER).map(LockHolder::runId)).contains(upgrade.id());
  }

  @Test
  @DisplayName("an id that is taken is drawn again")
  void retriesIdCollisions() {
    Run first = created(deploy("U1", WEB, Set.of()));
    Iterator<RunId> ids = List.of(first.id(), first.id(), new RunId("d-0002")).iterator();

    CreateResult second =
        store.create(deploy("U1", LockKey.of("deploy", "prod/api"), Set.of()), ids::next, T0);

    assertThat(((CreateResult.Created) second).run().id()).isEqualTo(new RunId("d-0002"));
  }

  @Test
  @DisplayName(
      "a transition commits state, step runs, events and audit together; a terminal one frees the lock")
  void commitsTransitions() {
    Run run = created(deploy("U1", WEB, Set.of()));
    Instant t1 = T0.plusSeconds(1);
    Run running =
        run.withState(run.state().started(t1).at(Phase.FORWARD, 0, Optional.of("set-image"), t1));
    StepRun step = StepRun.started(run.id(), Phase.FORWARD, 0, "set-image", t1).entering(t1);
    store.commit(
        new Transition(
            run, running, List.of(step), List.of(new RunEvent.RunStarted(running, t1)), List.of()));

    Instant t2 = T0.plusSeconds(2);
    Run done =
        running.withState(
            running
                .state()
                .withOutput("set-image", new ImageOutput("web", "v1.1"), t2)
                .finished(RunStatus.SUCCEEDED, run.id() + " succeeded.", t2));
    StepRun stepDone = step.ended(StepStatus.SUCCEEDED, Optional.empty(), t2);
    AuditEntry outcome =
        AuditEntry.ofRun(
            t2, AuditEntry.ENGINE, AuditAction.RUN_FINISHED, WEB, run.id(), "succeeded");
    store.commit(
        new Transition(
            running,
            done,
            List.of(stepDone),
            List.of(new RunEvent.RunFinished(done, t2)),
            List.of(outcome)));

    Run stored = store.find(run.id()).orElseThrow();
    assertThat(stored).isEqualTo(done);
    assertThat(stored.output("set-image", ImageOutput.class))
        .contains(new ImageOutput("web", "v1.1"));
    assertThat(store.stepRuns(run.id())).containsExactly(stepDone);
    assertThat(store.journal(run.id()))
        .extracting(JournalEntry::type)
        .containsExactly("RunRequested", "RunStarted", "RunFinished");
    assertThat(store.holder(WEB)).isEmpty();
    assertThat(store.active()).isEmpty();
    assertThat(store.auditOf(run.id()))
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.RUN_REQUESTED, AuditAction.RUN_FINISHED);
  }

  @Test
  @DisplayName("a transition from a stale version is refused and changes nothing")
  void refusesStaleTransitions() {
    Run run = created(deploy("U1", WEB, Set.of()));
    Instant t1 = T0.plusSeconds(1);
    store.commit(
        new Transition(
            run, run.withState(run.state().started(t1)), List.of(), List.of(), List.of()));

    Run stale = run.withState(run.state().finished(RunStatus.FAILED, "x", t1));
    assertThatThrownBy(
            () -> store.commit(new Transition(run, stale, List.of(), List.of(), List.of())))
        .isInstanceOf(ConcurrentTransitionException.class);
    assertThat(store.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store.holder(WEB)).isPresent();
  }

  @Test
  @DisplayName("failures keep their kind, step and message; step runs keep attempts and progress")
  void keepsFailuresAndProgress() {
    Run run = created(deploy("U1", WEB, Set.of()));
    Instant t1 = T0.plusSeconds(1);
    Failure cause =
        new Failure(FailureKind.TIMEOUT, "did not finish within 10m", Optional.of("wait-rollout"));
    Run failing =
        run.withState(
            run.state()
                .started(t1)
                .withFailure(cause, t1)
                .at(Phase.COMPENSATING, 0, Optional.of("restore-image"), t1));
    StepRun waiting =
        StepRun.started(run.id(), Phase.FORWARD, 1, "wait-rollout", t1)
            .entering(t1)
            .checkingAgain("2 of 3 pods ready", t1.plusSeconds(30), t1);

    store.commit(new Transition(run, failing, List.of(waiting), List.of(), List.of()));

    assertThat(store.find(run.id()).orElseThrow().failure()).contains(cause);
    assertThat(store.stepRun(run.id(), Phase.FORWARD, 1)).contains(waiting);
    assertThat(store.stepRun(run.id(), Phase.FORWARD, 0)).isEmpty();
  }

  @Test
  @DisplayName("the same approver counts once")
  void approvalsAreDistinct() {
    Run run = created(deploy("U1", WEB, Set.of()));
    RunEvent event = new RunEvent.ApprovalRecorded(run, T0, "U2", 1, 2);
    AuditEntry line = AuditEntry.ofRun(T0, "U2", AuditAction.APPROVED, WEB, run.id(), "approved");

    assertThat(store.approve(run.id(), "U2", T0, event, line)).isTrue();
    assertThat(store.approve(run.id(), "U2", T0.plusSeconds(1), event, line)).isFalse();
    assertThat(store.approve(run.id(), "U3", T0.plusSeconds(2), event, line)).isTrue();

    assertThat(store.approvers(run.id())).containsExactly("U2", "U3");
    assertThat(store.auditOf(run.id()))
        .filteredOn(e -> e.action() == AuditAction.APPROVED)
        .hasSize(2);
  }

  @Test
  @DisplayName(
      "a cancel is recorded once, only while the run is active, and leaves the version alone")
  void cancelRequests() {
    Run run = created(deploy("U1", WEB, Set.of()));
    CancelRequest request = new CancelRequest("U2", T0.plusSeconds(3));
    RunEvent event = new RunEvent.CancelRequested(run, request.at(), "U2");
    AuditEntry line =
        AuditEntry.ofRun(request.at(), "U2", AuditAction.CANCEL_REQUESTED, WEB, run.id(), "cancel");

    assertThat(store.requestCancel(run.id(), request, event, line)).isTrue();
    assertThat(store.requestCancel(run.id(), new CancelRequest("U3", T0), event, line)).isFalse();

    Run stored = store.find(run.id()).orElseThrow();
    assertThat(stored.cancelRequest()).contains(request);
    assertThat(stored.version()).isEqualTo(run.version());

    Run other = created(deploy("U1", LockKey.of("deploy", "prod/api"), Set.of()));
    finish(other, RunStatus.SUCCEEDED);
    assertThat(store.requestCancel(other.id(), request, event, line)).isFalse();
  }

  @Test
  @DisplayName(
      "a pause is recorded once, only while the run is pending or runs forward; resuming clears it"
          + " and moves the current step's start by the time paused; neither changes the version")
  void pausesAndResumes() {
    Run created = created(deploy("U1", WEB, Set.of()));
    PauseRequest request = new PauseRequest("U2", T0.plusSeconds(5));
    RunEvent paused = new RunEvent.RunPaused(created, request.at(), "U2");
    AuditEntry pauseLine =
        AuditEntry.ofRun(request.at(), "U2", AuditAction.PAUSED, WEB, created.id(), "paused");
    Run done = created(deploy("U1", LockKey.of("deploy", "prod/api"), Set.of()));
    finish(done, RunStatus.SUCCEEDED);
    assertThat(store.pause(done.id(), request, paused, pauseLine)).isFalse();
    Run pending = created(deploy("U1", LockKey.of("deploy", "prod/db"), Set.of()));
    assertThat(store.pause(pending.id(), request, paused, pauseLine)).isTrue();
    assertThat(store.find(pending.id()).orElseThrow().pause()).contains(request);

    Run running =
        created.withState(
            created.state().started(T0).at(Phase.FORWARD, 0, Optional.of("set-image"), T0));
    store.commit(
        new Transition(
            created,
            running,
            List.of(StepRun.started(created.id(), Phase.FORWARD, 0, "set-image", T0)),
            List.of(),
            List.of()));
    assertThat(store.pause(created.id(), request, paused, pauseLine)).isTrue();
    assertThat(store.pause(created.id(), new PauseRequest("U3", T0), paused, pauseLine)).isFalse();
    Run stored = store.find(created.id()).orElseThrow();
    assertThat(stored.pause()).contains(request);
    assertThat(stored.version()).isEqualTo(running.version());

    Instant resumedAt = request.at().plus(Duration.ofMinutes(10));
    RunEvent resumed = new RunEvent.RunResumed(stored, resumedAt, "U2");
    AuditEntry resumeLine =
        AuditEntry.ofRun(resumedAt, "U2", AuditAction.RESUMED, WEB, created.id(), "resumed");
    assertThat(store.resume(created.id(), resumedAt, resumed, resumeLine)).isTrue();
    assertThat(store.resume(created.id(), resumedAt, resumed, resumeLine)).isFalse();

    assertThat(store.find(created.id()).orElseThrow().pause()).isEmpty();
    assertThat(store.stepRun(created.id(), Phase.FORWARD, 0))
        .map(StepRun::startedAt)
        .contains(T0.plus(Duration.ofMinutes(10)));
    assertThat(store.journal(created.id()))
        .extracting(JournalEntry::type)
        .contains("RunPaused", "RunResumed");
    assertThat(store.auditOf(created.id()))
        .extracting(AuditEntry::action)
        .contains(AuditAction.PAUSED, AuditAction.RESUMED);
  }

  @Test
  @DisplayName(
      "a freeze hold is stored with the transition that pauses the run, read back whole, and"
          + " cleared by a resume; a stuck note is journaled and found as the newest of its type")
  void freezeHoldsAndNotes() {
    Run created = created(deploy("U1", CLUSTER, Set.of()));
    Run running =
        created.withState(
            created.state().started(T0).at(Phase.FORWARD, 0, Optional.of("nodes"), T0));
    store.commit(new Transition(created, running, List.of(), List.of(), List.of()));
    FreezeHold hold =
        new FreezeHold(
            List.of("weekend", "prod-eu"), "release party", T0.plus(Duration.ofHours(9)));
    Run held =
        running
            .withState(running.state().touched(T0.plusSeconds(1)))
            .withPause(Optional.of(PauseRequest.held("shipmate", T0.plusSeconds(1), hold)));
    store.commit(
        new Transition(
            running,
            held,
            List.of(),
            List.of(new RunEvent.RunHeld(held, T0.plusSeconds(1), "nodes", hold, "node 2/6")),
            List.of()));

    Run stored = store.find(created.id()).orElseThrow();
    assertThat(stored.pause().flatMap(PauseRequest::hold)).contains(hold);
    assertThat(stored.isPaused()).isTrue();

    Instant at = T0.plus(Duration.ofHours(2));
    RunEvent stuck = new RunEvent.RunStuck(stored, at, "nodes", T0, Duration.ofHours(1));
    store.note(
        stuck, AuditEntry.ofRun(at, "shipmate", AuditAction.RUN_STUCK, CLUSTER, created.id(), "x"));
    assertThat(store.lastEvent(created.id(), Set.of("RunStuck"))).contains(at);
    assertThat(store.lastEvent(created.id(), Set.of("RunHeld"))).contains(T0.plusSeconds(1));
    assertThat(store.lastEvent(created.id(), Set.of("StepFailed"))).isEmpty();

    assertThat(
            store.resume(
                created.id(),
                at,
                new RunEvent.RunResumed(stored, at, "U2"),
                AuditEntry.ofRun(
                    at, "U2", AuditAction.RESUMED_THROUGH_FREEZE, CLUSTER, created.id(), "y")))
        .isTrue();
    assertThat(store.find(created.id()).orElseThrow().pause()).isEmpty();
  }

  @Test
  @DisplayName("history lists a target's runs newest first; active lists the unfinished ones")
  void historyAndActive() {
    Run first = created(deploy("U1", WEB, Set.of()));
    finish(first, RunStatus.SUCCEEDED);
    Run second =
        ((CreateResult.Created)
                store.create(
                    deploy("U1", WEB, Set.of()),
                    () -> RunId.random('d', random),
                    T0.plusSeconds(60)))
            .run();
    Run elsewhere = created(deploy("U1", LockKey.of("deploy", "prod/api"), Set.of()));

    assertThat(store.history(WEB, 10)).extracting(Run::id).containsExactly(second.id(), first.id());
    assertThat(store.history(WEB, 1)).extracting(Run::id).containsExactly(second.id());
    assertThat(store.active())
        .extracting(Run::id)
        .containsExactlyInAnyOrder(second.id(), elsewhere.id());
  }

  @Test
  @DisplayName("the reply address can be set once the card is posted")
  void updatesReplyAddress() {
    Run run = created(deploy("U1", WEB, Set.of()));

    store.updateReplyAddress(
        run.id(), ReplyAddress.channel("C0DEPLOYS").inThread("1700000000.000100"));

    assertThat(store.find(run.id()).orElseThrow().replyTo())
        .contains(new ReplyAddress("C0DEPLOYS", Optional.of("1700000000.000100")));
  }

  @Test
  @DisplayName(
      "one replica at a time holds a run's card: another is refused until it lets go or its"
          + " lease runs out")
  void holdsTheCardOneAtATime() {
    Run run = created(deploy("U1", WEB, Set.of()));
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    Instant until = now.plusSeconds(30);

    assertThat(store.holdCard(run.id(), "replica-a", now, until)).isTrue();
    assertThat(store.holdCard(run.id(), "replica-a", now, until))
        .as("again, by its holder")
        .isTrue();
    assertThat(store.holdCard(run.id(), "replica-b", now.plusSeconds(1), until)).isFalse();

    store.releaseCard(run.id(), "replica-b");
    assertThat(store.holdCard(run.id(), "replica-b", now.plusSeconds(2), until))
        .as("only the holder lets go")
        .isFalse();
    store.releaseCard(run.id(), "replica-a");
    assertThat(store.holdCard(run.id(), "replica-b", now.plusSeconds(3), until)).isTrue();

    assertThat(store.holdCard(run.id(), "replica-a", until.plusSeconds(1), until.plusSeconds(31)))
        .as("once the lease has run out")
        .isTrue();
  }

  @Test
  @DisplayName("of many runs racing for one target, exactly one gets it")
  void oneWinnerUnderContention() throws Exception {
    int racers = 6;
    CyclicBarrier start = new CyclicBarrier(racers);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<CreateResult>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String who = "U" + i;
        Callable<CreateResult> race =
            () -> {
              RandomGenerator own = RandomGenerator.of("L64X128MixRandom");
              start.await();
              return store.create(deploy(who, WEB, Set.of()), () -> RunId.random('d', own), T0);
            };
        results.add(pool.submit(race));
      }
      List<CreateResult> outcomes = new ArrayList<>();
      for (Future<CreateResult> result : results) {
        outcomes.add(result.get());
      }
      assertThat(outcomes).filteredOn(CreateResult.Created.class::isInstance).hasSize(1);
      assertThat(store.history(WEB, 10)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("the migrations also create Quartz's tables")
  void createsQuartzTables() throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM qrtz_locks");
        ResultSet rows = s.executeQuery()) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isZero();
    }
  }

  @Test
  @DisplayName("a request key is claimed once: every later claim, even concurrent, is refused")
  void claimsARequestKeyOnce() throws Exception {
    // Given a request key claimed once
    assertThat(store.claimRequest("slack:T1:1.2.abc", T0)).isTrue();

    // When the same key comes again (a retry), and eight new keys race for one claim each
    boolean retried = store.claimRequest("slack:T1:1.2.abc", T0.plusSeconds(3));
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Boolean>> claims = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        claims.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.claimRequest("slack:T1:double-submit", T0);
                }));
      }
      List<Boolean> answers = new ArrayList<>();
      for (Future<Boolean> claim : claims) {
        answers.add(claim.get());
      }

      // Then the retry is refused, and exactly one of the racing claims wins
      assertThat(retried).isFalse();
      assertThat(answers).containsOnlyOnce(true);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("forgotten request keys can be claimed again; newer ones stay claimed")
  void forgetsOldRequestKeys() {
    store.claimRequest("old", T0);
    store.claimRequest("new", T0.plus(Duration.ofDays(1)));

    int forgotten = store.forgetRequests(T0.plus(Duration.ofHours(1)));

    assertThat(forgotten).isEqualTo(1);
    assertThat(store.claimRequest("old", T0.plus(Duration.ofDays(1)))).isTrue();
    assertThat(store.claimRequest("new", T0.plus(Duration.ofDays(1)))).isFalse();
  }

  @Test
  @DisplayName(
      "queue: a run on a held target is created QUEUED without a lock, in order; promoting the"
          + " first takes the lock once it is free, and a run that ends leaves the queue")
  void queues() {
    Run holder = created(deploy("U1", WEB, Set.of()));
    CreateResult second =
        store.create(deploy("U2", WEB, Set.of()), () -> RunId.random('d', random), T0, true);
    CreateResult third =
        store.create(
            deploy("U3", WEB, Set.of()), () -> RunId.random('d', random), T0.plusSeconds(1), true);

    assertThat(second).isInstanceOf(CreateResult.Queued.class);
    Run queued = ((CreateResult.Queued) second).run();
    Run behind = ((CreateResult.Queued) third).run();
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(store.holder(WEB)).map(LockHolder::runId).contains(holder.id());
    assertThat(store.queued(WEB)).extracting(Run::id).containsExactly(queued.id(), behind.id());
    assertThat(store.active()).extracting(Run::id).contains(queued.id(), behind.id());
    assertThat(store.auditOf(queued.id()))
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.QUEUED);

    Instant turn = T0.plusSeconds(5);
    Transition promote =
        new Transition(
            queued,
            queued.withState(dev.shipmate.engine.run.RunState.initial(RunStatus.PENDING, turn)),
            List.of(),
            List.of(),
            List.of());
    assertThat(store.promote(promote, Set.of(), Optional.empty()))
        .map(LockHolder::runId)
        .contains(holder.id());
    assertThat(store.find(queued.id()).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);

    finish(holder, RunStatus.SUCCEEDED);
    assertThat(store.promote(promote, Set.of(), Optional.of(turn.plusSeconds(3600)))).isEmpty();

    Run promoted = store.find(queued.id()).orElseThrow();
    assertThat(promoted.status()).isEqualTo(RunStatus.PENDING);
    assertThat(promoted.approvalDeadline()).contains(turn.plusSeconds(3600));
    assertThat(store.holder(WEB)).map(LockHolder::runId).contains(queued.id());
    assertThat(store.queued(WEB)).extracting(Run::id).containsExactly(behind.id());

    Run cancelled = store.find(behind.id()).orElseThrow();
    store.commit(
        new Transition(
            cancelled,
            cancelled.withState(cancelled.state().finished(RunStatus.CANCELLED, "cancelled", turn)),
            List.of(),
            List.of(),
            List.of()));
    assertThat(store.queued()).isEmpty();
  }

  record ImageOutput(String container, String previousImage) {}

  void finish(Run run, RunStatus outcome) {
    Run current = store.find(run.id()).orElseThrow();
    Instant at = current.state().updatedAt().plusSeconds(1);
    store.commit(
        new Transition(
            current,
            current.withState(current.state().finished(outcome, "done", at)),
            List.of(),
            List.of(),
            List.of()));
  }

  void insertLock(LockKey key, RunId owner) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO run_locks (lock_key, run_id, holder, acquired_at) VALUES (?, ?, 'ghost', CURRENT_TIMESTAMP)")) {
      s.setString(1, key.value());
      s.setString(2, owner.value());
      s.executeUpdate();
    }
  }

  @Test
  @DisplayName(
      "freezes set from chat: stored with their ledger line, in force until lifted or over")
  void freezes() {
    FreezeTarget prod = new FreezeTarget(FreezeTarget.Kind.ENVIRONMENT, "prod");
    FreezeTarget cluster = new FreezeTarget(FreezeTarget.Kind.CLUSTER, "prod-eu");
    AdHocFreeze party =
        new AdHocFreeze(prod, "release party", "U1", T0, T0.plus(Duration.ofHours(2)));
    AdHocFreeze maintenance =
        new AdHocFreeze(cluster, "maintenance", "U2", T0, T0.plus(Duration.ofMinutes(30)));
    LockKey ledger = LockKey.of("freeze", "prod");
    store.freeze(
        party,
        new AuditEntry(
            T0, "U1", AuditAction.FREEZE_SET, Optional.of(ledger), Optional.empty(), "frozen"));
    store.freeze(
        maintenance,
        new AuditEntry(
            T0, "U2", AuditAction.FREEZE_SET, Optional.empty(), Optional.empty(), "frozen"));

    assertThat(store.freezesInForce(T0)).containsExactly(party, maintenance);
    assertThat(store.freezesInForce(T0.plus(Duration.ofMinutes(30)))).containsExactly(party);

    AuditEntry lifted =
        new AuditEntry(
            T0, "U3", AuditAction.FREEZE_LIFTED, Optional.of(ledger), Optional.empty(), "lifted");
    assertThat(store.unfreeze(prod, "U3", T0.plusSeconds(60), lifted)).containsExactly(party);
    assertThat(store.unfreeze(prod, "U3", T0.plusSeconds(61), lifted)).isEmpty();
    assertThat(store.freezesInForce(T0.plusSeconds(62))).containsExactly(maintenance);
    assertThat(store.auditOf(ledger, 10))
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.FREEZE_LIFTED, AuditAction.FREEZE_SET);
  }
}
