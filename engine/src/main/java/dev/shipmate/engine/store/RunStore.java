package dev.shipmate.engine.store;

import dev.shipmate.config.FreezeTarget;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.AdHocFreeze;
import dev.shipmate.engine.run.CancelRequest;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunState;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The journal: runs, step runs, events, locks, approvals and the audit ledger, in JDBC tables. Each
 * method is one transaction, so what it reports has been committed.
 */
public final class RunStore {
  /** Ids are random; after this many collisions in a row the id space is too crowded to go on. */
  private static final int ID_ATTEMPTS = 20;

  private final DataSource dataSource;
  private final Jdbc jdbc;

  public RunStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
  }

  /** The database the journal is in, with the same migrations applied. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Creates a run in PENDING, or AWAITING_APPROVAL when it needs approval, holding {@code target}'s
   * lock. Refused, with nothing written but a RUN_REFUSED line in the ledger, when the target or
   * one of {@code refuseWhileHeld} is held by an active run.
   */
  public CreateResult create(NewRun request, Supplier<RunId> ids, Instant now) {
    return create(request, ids, now, false);
  }

  /**
   * As {@link #create(NewRun, Supplier, Instant)}; with {@code queueIfHeld}, a run whose target (or
   * a key it must not run beside) is held is created QUEUED at the end of its target's queue
   * instead of being refused, in the same transaction.
   */
  public CreateResult create(
      NewRun request, Supplier<RunId> ids, Instant now, boolean queueIfHeld) {
    CreateResult result =
        jdbc.inTransaction(
            c -> {
              CreateResult tried = tryCreate(c, request, ids, now);
              if (tried instanceof CreateResult.Refused refused && queueIfHeld) {
                c.rollback();
                return new CreateResult.Queued(
                    insertQueued(c, request, ids, now, "held by " + refused.holder().runId()));
              }
              return tried;
            });
    if (result instanceof CreateResult.Refused refused) {
      LockHolder holder = refused.holder();
      audit(
          new AuditEntry(
              now,
              request.requester(),
              AuditAction.RUN_REFUSED,
              Optional.of(request.target()),
              Optional.empty(),
              request.summary()
                  + " refused: "
                  + holder.key()
                  + " is held by "
                  + holder.runId()
                  + " ("
                  + holder.holder()
                  + ")"));
    }
    return result;
  }

  private CreateResult tryCreate(Connection c, NewRun request, Supplier<RunId> ids, Instant now)
      throws SQLException {
    for (LockKey key : request.refuseWhileHeld()) {
      Optional<LockHolder> holder = LockTable.liveHolder(c, key);
      if (holder.isPresent()) {
        return new CreateResult.Refused(holder.get());
      }
    }
    Run run = insertWithFreshId(c, request, ids, now);
    Optional<LockHolder> holder =
        LockTable.acquire(c, request.target(), run.id(), request.requester(), now);
    if (holder.isPresent()) {
      c.rollback();
      return new CreateResult.Refused(holder.get());
    }
    RunEvent requested = new RunEvent.RunRequested(run, now);
    EventTable.append(c, JournalEntry.of(requested));
    AuditTable.append(
        c,
        AuditEntry.ofRun(
            now,
            request.requester(),
            AuditAction.RUN_REQUESTED,
            run.target(),
            run.id(),
            requested.describe()));
    return new CreateResult.Created(run);
  }

  /**
   * Creates the run QUEUED at the end of its target's queue, holding no lock: its target is frozen,
   * and it waits for the freeze to end.
   */
  public Run enqueue(NewRun request, Supplier<RunId> ids, Instant now, String why) {
    return jdbc.inTransaction(c -> insertQueued(c, request, ids, now, why));
  }

  private static Run insertQueued(
      Connection c, NewRun request, Supplier<RunId> ids, Instant now, String why)
      throws SQLException {
    Run run = insertWithFreshId(c, request, ids, now, RunStatus.QUEUED);
    QueueTable.insert(c, run.id(), run.target(), Jdbc.storable(now));
    RunEvent requested = new RunEvent.RunRequested(run, now);
    EventTable.append(c, JournalEntry.of(requested));
    AuditTable.append(
        c,
        AuditEntry.ofRun(
            now,
            request.requester(),
            AuditAction.QUEUED,
            run.target(),
            run.id(),
            requested.describe() + " (" + why + ")"));
    return run;
  }

  private static Run insertWithFreshId(
      Connection c, NewRun request, Supplier<RunId> ids, Instant now) throws SQLException {
    return insertWithFreshId(
        c,
        request,
        ids,
        now,
        request.approvalsRequired() > 0 ? RunStatus.AWAITING_APPROVAL : RunStatus.PENDING);
  }

  private static Run insertWithFreshId(
      Connection c, NewRun request, Supplier<RunId> ids, Instant now, RunStatus initial)
      throws SQLException {
    // A queued run's approval window opens when its turn comes.
    Optional<Instant> deadline =
        initial == RunStatus.QUEUED ? Optional.empty() : request.approvalDeadline();
    Instant at = Jdbc.storable(now);
    for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      Run run =
          new Run(
              ids.get(),
              request.pipeline(),
              request.summary(),
              request.paramsJson(),
              request.requester(),
              request.replyTo(),
              request.target(),
              request.approvalsRequired(),
              deadline.map(Jdbc::storable),
              at,
              Optional.empty(),
              RunState.initial(initial, at),
              0);
      if (Jdbc.insertUnlessDuplicate(c, conn -> insertRun(conn, run))) {
        return run;
      }
    }
    throw new SQLException("no free run id after " + ID_ATTEMPTS + " attempts");
  }

  private static Void insertRun(Connection c, Run run) throws SQLException {
    RunTable.insert(c, run);
    return null;
  }

  /**
   * Commits a transition if the run is still at {@code before.version()}.
   *
   * @throws ConcurrentTransitionException if another writer changed the run first
   */
  public Run commit(Transition transition) {
    return jdbc.inTransaction(
        c -> {
          Run after = transition.after();
          if (!RunTable.updateState(c, after, transition.before().version())) {
            throw new ConcurrentTransitionException(after.id(), transition.before().version());
          }
          boolean asksOrHolds =
              after.pause().flatMap(PauseRequest::question).isPresent()
                  || after.pause().flatMap(PauseRequest::hold).isPresent();
          if (asksOrHolds && !after.pause().equals(transition.before().pause())) {
            RunTable.ask(c, after.id(), after.pause().get());
          }
          for (StepRun step : transition.stepRuns()) {
            StepRunTable.save(c, step);
          }
          for (RunEvent event : transition.events()) {
            EventTable.append(c, JournalEntry.of(event));
          }
          for (AuditEntry entry : transition.audit()) {
            AuditTable.append(c, entry);
          }
          if (after.status().isTerminal()) {
            LockTable.releaseAll(c, after.id());
            QueueTable.remove(c, after.id());
          }
          return after;
        });
  }

  /**
   * Takes a queued run out of its queue and gives it its target's lock, in one transaction: {@code
   * transition} moves it from QUEUED to PENDING or AWAITING_APPROVAL, with {@code
   * approvalDeadline}. Answers who holds the target (or one of {@code refuseWhileHeld}) when it
   * cannot, and then writes nothing.
   *
   * @throws ConcurrentTransitionException if another writer changed the run first
   */
  public Optional<LockHolder> promote(
      Transition transition, Set<LockKey> refuseWhileHeld, Optional<Instant> approvalDeadline) {
    return jdbc.inTransaction(
        c -> {
          Run after = transition.after();
          for (LockKey key : refuseWhileHeld) {
            Optional<LockHolder> holder = LockTable.liveHolder(c, key);
            if (holder.isPresent()) {
              return holder;
            }
          }
          Optional<LockHolder> holder =
              LockTable.acquire(
                  c, after.target(), after.id(), after.requester(), after.state().updatedAt());
          if (holder.isPresent()) {
            c.rollback();
            return holder;
          }
          if (!RunTable.updateState(c, after, transition.before().version())) {
            c.rollback();
            throw new ConcurrentTransitionException(after.id(), transition.before().version());
          }
          RunTable.setApprovalDeadline(c, after.id(), approvalDeadline.map(Jdbc::storable));
          QueueTable.remove(c, after.id());
          for (RunEvent event : transition.events()) {
            EventTable.append(c, JournalEntry.of(event));
          }
          for (AuditEntry entry : transition.audit()) {
            AuditTable.append(c, entry);
          }
          return Optional.empty();
        });
  }

  /** The queued runs of {@code key}, next first. */
  public List<Run> queued(LockKey key) {
    return jdbc.inTransaction(c -> QueueTable.ofKey(c, key));
  }

  /** Every queued run, target by target, each target's next first. */
  public List<Run> queued() {
    return jdbc.inTransaction(QueueTable::all);
  }

  /** Asks the database a trivial question; throws {@link StoreException} when it cannot answer. */
  public void ping() {
    jdbc.inTransaction(
        c -> {
          try (var statement = c.createStatement()) {
            statement.execute("SELECT 1");
          }
          return null;
        });
  }

  public Optional<Run> find(RunId id) {
    return jdbc.inTransaction(c -> RunTable.find(c, id));
  }

  /** Runs that are not over yet, oldest first. */
  public List<Run> active() {
    return jdbc.inTransaction(RunTable::active);
  }

  /** The newest {@code limit} runs of {@code target}, newest first. */
  public List<Run> history(LockKey target, int limit) {
    return jdbc.inTransaction(c -> RunTable.history(c, target, limit));
  }

  public List<StepRun> stepRuns(RunId id) {
    return jdbc.inTransaction(c -> StepRunTable.ofRun(c, id));
  }

  public Optional<StepRun> stepRun(RunId id, Phase phase, int index) {
    return jdbc.inTransaction(c -> StepRunTable.find(c, id, phase, index));
  }

  public List<JournalEntry> journal(RunId id) {
    return jdbc.inTransaction(c -> EventTable.ofRun(c, id));
  }

  /** Who holds {@code key}, if an active run does. */
  public Optional<LockHolder> holder(LockKey key) {
    return jdbc.inTransaction(c -> LockTable.liveHolder(c, key));
  }

  /**
   * Records {@code approver}'s approval with its ledger line and journal event. Returns false, and
   * writes nothing, when the same person had already approved.
   */
  public boolean approve(RunId id, String approver, Instant at, RunEvent event, AuditEntry entry) {
    return jdbc.inTransaction(
        c -> {
          if (!ApprovalTable.insert(c, id, approver, at)) {
            return false;
          }
          EventTable.append(c, JournalEntry.of(event));
          AuditTable.append(c, entry);
          return true;
        });
  }

  public List<String> approvers(RunId id) {
    return jdbc.inTransaction(c -> ApprovalTable.approvers(c, id));
  }

  /**
   * Marks an active run for cancellation, once; the advancer acts on it. Returns false when the run
   * is over or a cancel was already requested. Does not change the run's version: a cancel must not
   * make the advancer drop the result of a step that already ran.
   */
  public boolean requestCancel(RunId id, CancelRequest request, RunEvent event, AuditEntry entry) {
    return jdbc.inTransaction(
        c -> {
          if (!RunTable.requestCancel(c, id, request)) {
            return false;
          }
          EventTable.append(c, JournalEntry.of(event));
          AuditTable.append(c, entry);
          return true;
        });
  }

  /**
   * Pauses a run that is running its steps forward, once; the advancer then leaves it alone.
   * Returns false, and writes nothing, when the run is not running forward, is being cancelled or
   * is already paused. Like a cancel, it does not change the run's version.
   */
  public boolean pause(RunId id, PauseRequest request, RunEvent event, AuditEntry entry) {
    return jdbc.inTransaction(
        c -> {
          if (!RunTable.pause(c, id, request)) {
            return false;
          }
          EventTable.append(c, JournalEntry.of(event));
          AuditTable.append(c, entry);
          return true;
        });
  }

  /**
   * Resumes a paused run; the time it was paused is added to its current step's start, so that a
   * pause does not count toward the step's timeout. Returns false, and writes nothing, when the run
   * was not paused (or is over).
   */
  public boolean resume(RunId id, Instant at, RunEvent event, AuditEntry entry) {
    return jdbc.inTransaction(
        c -> {
          Optional<Run> run = RunTable.find(c, id);
          if (run.isEmpty() || run.get().pause().isEmpty() || !RunTable.resume(c, id)) {
            return false;
          }
          holdCurrentStep(c, run.get(), at);
          EventTable.append(c, JournalEntry.of(event));
          AuditTable.append(c, entry);
          return true;
        });
  }

  /**
   * Records the answer to the question {@code asking} (as read, at its version) is paused on, and
   * lets the run go on, as {@link #resume} does; the step sees the answer at its next check.
   * Returns false, and writes nothing, when the run has changed since (someone else answered, or it
   * was cancelled).
   */
  public boolean decide(Run asking, Decision decision, RunEvent event, AuditEntry entry) {
    return jdbc.inTransaction(
        c -> {
          if (!RunTable.decide(c, asking.id(), decision, asking.version())) {
            return false;
          }
          holdCurrentStep(c, asking, decision.at());
          EventTable.append(c, JournalEntry.of(event));
          AuditTable.append(c, entry);
          return true;
        });
  }

  /** See {@link dev.shipmate.engine.Engine#holdCard}. */
  public boolean holdCard(RunId id, String holder, Instant now, Instant until) {
    return jdbc.inTransaction(c -> RunTable.holdCard(c, id, holder, now, until));
  }

  /** See {@link dev.shipmate.engine.Engine#releaseCard}. */
  public void releaseCard(RunId id, String holder) {
    jdbc.inTransaction(
        c -> {
          RunTable.releaseCard(c, id, holder);
          return null;
        });
  }

  /** The time a run was paused does not count toward its current step's timeout. */
  private static void holdCurrentStep(Connection c, Run paused, Instant resumedAt)
      throws SQLException {
    Duration held = Duration.between(paused.pause().orElseThrow().at(), resumedAt);
    Optional<StepRun> current =
        StepRunTable.find(c, paused.id(), paused.phase(), paused.state().stepIndex());
    if (current.isPresent() && !current.get().status().isTerminal() && !held.isNegative()) {
      StepRunTable.save(c, current.get().heldFor(held));
    }
  }

  public boolean updateReplyAddress(RunId id, ReplyAddress address) {
    return jdbc.inTransaction(c -> RunTable.updateReplyAddress(c, id, address));
  }

  /**
   * Claims a request key (a chat platform's delivery id) once: true the first time, false for every
   * later claim of the same key, on any replica. A request whose key was claimed before is a retry
   * or a double submit and must start nothing.
   */
  public boolean claimRequest(String key, Instant at) {
    return jdbc.inTransaction(c -> RequestKeyTable.claim(c, key, at));
  }

  /** Forgets request keys claimed before {@code before}; answers how many. */
  public int forgetRequests(Instant before) {
    return jdbc.inTransaction(c -> RequestKeyTable.deleteBefore(c, before));
  }

  /**
   * Journals an event that changes nothing of the run's state (the watchdog found it stuck), with
   * its ledger line, in one transaction.
   */
  public void note(RunEvent event, AuditEntry entry) {
    jdbc.inTransaction(
        c -> {
          EventTable.append(c, JournalEntry.of(event));
          AuditTable.append(c, entry);
          return null;
        });
  }

  /** When the run's newest event of one of {@code types} ({@link RunEvent#type()}) happened. */
  public Optional<Instant> lastEvent(RunId id, Set<String> types) {
    return jdbc.inTransaction(c -> EventTable.lastOf(c, id, types));
  }

  public void audit(AuditEntry entry) {
    jdbc.inTransaction(
        c -> {
          AuditTable.append(c, entry);
          return null;
        });
  }

  /** The newest {@code limit} ledger lines about {@code target}, newest first. */
  public List<AuditEntry> auditOf(LockKey target, int limit) {
    return jdbc.inTransaction(c -> AuditTable.ofTarget(c, target, limit));
  }

  /** Every ledger line about one run, oldest first. */
  public List<AuditEntry> auditOf(RunId id) {
    return jdbc.inTransaction(c -> AuditTable.ofRun(c, id));
  }

  /** Stores a freeze set from chat, with its ledger line, in one transaction. */
  public void freeze(AdHocFreeze freeze, AuditEntry entry) {
    jdbc.inTransaction(
        c -> {
          FreezeTable.insert(c, freeze);
          AuditTable.append(c, entry);
          return null;
        });
  }

  /**
   * Lifts the freezes of {@code target} in force at {@code at}, writing {@code entry} when there
   * were any; the freezes lifted.
   */
  public List<AdHocFreeze> unfreeze(FreezeTarget target, String by, Instant at, AuditEntry entry) {
    return jdbc.inTransaction(
        c -> {
          List<AdHocFreeze> lifted =
              FreezeTable.inForce(c, at).stream().filter(f -> f.target().equals(target)).toList();
          if (!lifted.isEmpty()) {
            FreezeTable.lift(c, target, by, at);
            AuditTable.append(c, entry);
          }
          return lifted;
        });
  }

  /** The freezes set from chat in force at {@code at}, oldest first. */
  public List<AdHocFreeze> freezesInForce(Instant at) {
    return jdbc.inTransaction(c -> FreezeTable.inForce(c, at));
  }
}
