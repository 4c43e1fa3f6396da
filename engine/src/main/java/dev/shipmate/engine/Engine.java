package dev.shipmate.engine;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.advance.FailureClassifier;
import dev.shipmate.engine.advance.QueueMover;
import dev.shipmate.engine.advance.QueueRules;
import dev.shipmate.engine.advance.RunAdvancer;
import dev.shipmate.engine.advance.RunListeners;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.json.Json;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.RecurringJobs;
import dev.shipmate.engine.recurring.ScheduledJob;
import dev.shipmate.engine.run.CancelRequest;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunListener;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.store.CreateResult;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.JournalEntry;
import dev.shipmate.engine.store.NewRun;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.wakeup.InMemoryRecurringJobs;
import dev.shipmate.engine.wakeup.QuartzWakeUps;
import dev.shipmate.engine.wakeup.WakeUps;
import dev.shipmate.engine.watchdog.Watchdog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's front door: start, approve, cancel and wake runs, read them back, and hear what
 * happens to them. Every method returns once what it did is committed; the work of a run happens
 * later, on the wake-ups' threads.
 *
 * <p>Who may start, approve or cancel is the caller's business; the engine enforces what is about
 * the run itself: one active run per target, requester is not approver, approvals count once and
 * expire.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final RunStore store;
  private final PipelineRegistry pipelines;
  private final WakeUps wakeUps;
  private final RecurringJobs recurringJobs;
  private final Clock clock;
  private final EngineSettings settings;
  private final RandomGenerator random;
  private final RunListeners listeners = new RunListeners();
  private final RunAdvancer advancer;
  private final List<AutoCloseable> owned;
  private final Freezes freezes;
  private final QueueMover queue;
  private final Watchdog watchdog;

  private Engine(Builder builder) {
    this.store = builder.store;
    this.pipelines = builder.pipelines;
    this.wakeUps = Objects.requireNonNull(builder.wakeUps, "wakeUps");
    this.clock = builder.clock;
    this.recurringJobs =
        builder.recurringJobs != null
            ? builder.recurringJobs
            : wakeUps instanceof QuartzWakeUps quartz
                ? quartz.recurringJobs()
                : new InMemoryRecurringJobs(clock);
    this.settings = builder.settings;
    this.random = builder.random;
    this.owned = List.copyOf(builder.owned);
    this.queue =
        new QueueMover(
            store, wakeUps, clock, listeners, new PipelineQueueRules(), settings.approvalTimeout());
    // A freeze lifted from chat may let queued runs go: they look again at once.
    this.freezes = new Freezes(store, builder.calendar, clock, queue::wakeQueues);
    this.advancer =
        new RunAdvancer(
            store,
            pipelines,
            wakeUps,
            clock,
            new FailureClassifier(builder.classifiers),
            listeners,
            queue,
            new InFlightHolds(freezes, settings.inFlight(), store));
    this.watchdog = new Watchdog(store, pipelines, wakeUps, clock, settings.watchdogs(), listeners);
  }

  public static Builder builder(RunStore store, PipelineRegistry pipelines) {
    return new Builder(store, pipelines);
  }

  /**
   * The production engine: its own connection pool on {@code store} (migrated on open), Quartz on
   * the same database, the system clock. Call {@link #start()} to recover and begin.
   *
   * @param classifiers how the pipelines' libraries' exceptions are classified
   */
  public static Engine open(
      StoreSettings store,
      PipelineRegistry pipelines,
      EngineSettings settings,
      List<ExceptionClassifier> classifiers) {
    return open(store, pipelines, settings, classifiers, new FreezeCalendar(List.of()));
  }

  /**
   * The production engine, with the configured freeze windows.
   *
   * @param classifiers how the pipelines' libraries' exceptions are classified
   */
  public static Engine open(
      StoreSettings store,
      PipelineRegistry pipelines,
      EngineSettings settings,
      List<ExceptionClassifier> classifiers,
      FreezeCalendar calendar) {
    // Quartz's threads, its scheduler, misfire and cluster threads, and the engine's callers.
    Database database = Database.open(store, settings.quartz().threadCount() + 6);
    try {
      QuartzWakeUps wakeUps =
          new QuartzWakeUps(database.dataSource(), database.vendor(), settings.quartz());
      Builder builder =
          builder(new RunStore(database.dataSource()), pipelines)
              .wakeUps(wakeUps)
              .recurringJobs(wakeUps.recurringJobs())
              .settings(settings)
              .freezeCalendar(calendar)
              .owning(database);
      classifiers.forEach(builder::classifier);
      return builder.build();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Starts firing wake-ups and the watchdog, and recovers: every run that is not over is looked at
   * once, at once. A run that was RUNNING re-enters its current step; one whose step cannot be
   * re-entered after a crash fails, says why, and undoes what came before.
   */
  public void start() {
    wakeUps.start(this::advanceSafely);
    recurringJobs.schedule(watchdog.job());
    Instant now = clock.instant();
    List<Run> active = store.active();
    for (Run run : active) {
      wakeUps.wakeAt(run.id(), now);
    }
    log.info("engine started; {} unfinished runs to look at", active.size());
  }

  public void stop() {
    wakeUps.stop();
  }

  @Override
  public void close() {
    stop();
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing {} failed", resource, e);
      }
    }
  }

  /**
   * Whether this replica can take and advance runs: the database answers a query and the wake-ups
   * fire (Quartz is started and not shut down). Blocks while the database is slow to answer.
   */
  public Readiness readiness() {
    try {
      store.ping();
    } catch (RuntimeException unreachable) {
      return new Readiness.NotReady("the database does not answer: " + unreachable.getMessage());
    }
    if (!wakeUps.isFiring()) {
      return new Readiness.NotReady("the scheduler (Quartz) is not running");
    }
    return Readiness.READY;
  }

  /**
   * Runs {@code job.work()} on {@code job.schedule()}, on the engine's scheduler: with Quartz, once
   * per firing across all replicas of one database, never twice at once, and a firing missed while
   * no replica ran is skipped. May be called before or after {@link #start()}; nothing fires before
   * it. Each replica registers its work under the same name; calling again replaces the work, and
   * the schedule if it changed (an unchanged schedule keeps its next firing).
   *
   * @throws IllegalArgumentException if the schedule never fires from now on
   */
  public void schedule(RecurringJob job) {
    recurringJobs.schedule(job);
  }

  /**
   * Removes a recurring job, here and for every replica (a feature that was turned off): false if
   * none was scheduled under that name.
   */
  public boolean unschedule(String name) {
    return recurringJobs.unschedule(name);
  }

  /**
   * The engine's database, for a ledger kept beside the runs in the same migrations (the drift
   * report's findings and decisions): one connection pool per process, not one per feature.
   */
  public DataSource dataSource() {
    return store.dataSource();
  }

  /**
   * Fires a recurring job once now, on whichever replica Quartz picks, its schedule unchanged.
   *
   * @throws IllegalArgumentException if no job of that name is scheduled
   */
  public void fireNow(String name) {
    recurringJobs.fireNow(name);
  }

  /** The recurring jobs the scheduler holds, by name, with their next firings. */
  public List<ScheduledJob> recurringJobs() {
    return recurringJobs.scheduled();
  }

  public void addListener(RunListener listener) {
    listeners.add(listener);
  }

  /**
   * Creates a run and sets it going, or refuses it: the pipeline does not take the parameters, a
   * freeze stops it, or a key it needs is held. A request that asks to queue ({@link
   * StartRequest#queue}) is queued instead of being refused for a held key or a freeze: {@link
   * StartResult.Queued}, and it starts by itself when its turn comes.
   *
   * @throws IllegalArgumentException if no pipeline has that type, or the params are not its record
   */
  public StartResult start(StartRequest request) {
    return start(pipelineOf(request), request);
  }

  /** The pipeline a request names. */
  private Pipeline<?> pipelineOf(StartRequest request) {
    return pipelines
        .find(request.pipeline())
        .orElseThrow(
            () ->
                new IllegalArgumentException("no pipeline is named '" + request.pipeline() + "'"));
  }

  /** The request's parameters as the pipeline's own record. */
  private static <P extends Record> P paramsOf(Pipeline<P> pipeline, StartRequest request) {
    if (!pipeline.paramsType().isInstance(request.params())) {
      throw new IllegalArgumentException(
          pipeline.type()
              + " takes "
              + pipeline.paramsType().getSimpleName()
              + ", not "
              + request.params().getClass().getSimpleName());
    }
    return pipeline.paramsType().cast(request.params());
  }

  /** The freezes in force now that stop what the run would change. */
  private <P extends Record> List<ActiveFreeze> frozen(Pipeline<P> pipeline, P params) {
    return pipeline.change(params).map(freezes::blocking).orElse(List.of());
  }

  private <P extends Record> StartResult start(Pipeline<P> pipeline, StartRequest request) {
    P params = paramsOf(pipeline, request);
    List<String> problems = pipeline.problems(params);
    if (!problems.isEmpty()) {
      return new StartResult.Invalid(problems);
    }
    List<ActiveFreeze> frozen = frozen(pipeline, params);
    boolean breakingGlass = !frozen.isEmpty() && request.breakGlass().isPresent();
    boolean queueForFreeze = !frozen.isEmpty() && !breakingGlass && request.queue();
    if (!frozen.isEmpty() && !breakingGlass && !queueForFreeze) {
      return new StartResult.Frozen(frozen);
    }
    if (breakingGlass && request.approvals() < 1) {
      // Four eyes through a freeze, even where the target asks for no approvals.
      request = request.approvals(1);
    }
    Instant now = clock.instant();
    Optional<Instant> deadline =
        request.approvals() > 0
            ? Optional.of(now.plus(settings.approvalTimeout()))
            : Optional.empty();
    NewRun newRun =
        new NewRun(
            pipeline.type(),
            pipeline.summary(params),
            Json.write(params),
            request.requester(),
            request.replyTo(),
            pipeline.lockKey(params),
            pipeline.refuseWhileHeld(params),
            request.approvals(),
            deadline);
    Supplier<RunId> ids = () -> RunId.random(pipeline.idPrefix(), random);
    CreateResult created =
        queueForFreeze
            ? new CreateResult.Queued(
                store.enqueue(newRun, ids, now, "frozen: freeze " + frozen.get(0).name()))
            : store.create(newRun, ids, now, request.queue());
    if (created instanceof CreateResult.Refused refused) {
      return new StartResult.Refused(refused.holder());
    }
    Run run =
        created instanceof CreateResult.Queued queued
            ? queued.run()
            : ((CreateResult.Created) created).run();
    if (breakingGlass) {
      store.audit(
          AuditEntry.ofRun(
              now,
              run.requester(),
              AuditAction.BREAK_GLASS,
              run.target(),
              run.id(),
              "break-glass: "
                  + run.summary()
                  + " through "
                  + String.join(
                      ", ", frozen.stream().map(f -> "freeze " + f.name()).distinct().toList())
                  + ": "
                  + request.breakGlass().get()));
    }
    listeners.publish(List.of(new RunEvent.RunRequested(run, now)));
    if (run.status() == RunStatus.QUEUED) {
      // Its place is read before its wake-up: once woken, it may leave the queue at once.
      Optional<QueuePlace> place = queuePlace(run.id());
      // The target may have been freed since: the queue looks at once.
      wakeUps.wakeAt(run.id(), now);
      if (place.isPresent()) {
        return new StartResult.Queued(run, place.get());
      }
      // Another thread (a run ending, another replica) moved the queue between its creation and
      // now: it has started already.
      return new StartResult.Started(store.find(run.id()).orElse(run));
    }
    // An unapproved run must still wake at its deadline, to expire.
    wakeUps.wakeAt(run.id(), deadline.orElse(now));
    return new StartResult.Started(run);
  }

  /**
   * What {@link #start} would do with {@code request} now, without writing anything: the run's
   * summary, the key it would hold and who holds it (or a key it must not start beside), or why the
   * pipeline refuses the parameters.
   *
   * @throws IllegalArgumentException if no pipeline has that type, or the params are not its record
   */
  public StartPlan plan(StartRequest request) {
    return plan(pipelineOf(request), request);
  }

  private <P extends Record> StartPlan plan(Pipeline<P> pipeline, StartRequest request) {
    P params = paramsOf(pipeline, request);
    List<String> problems = pipeline.problems(params);
    if (!problems.isEmpty()) {
      return new StartPlan(
          pipeline.summary(params), Optional.empty(), problems, Optional.empty(), List.of());
    }
    LockKey target = pipeline.lockKey(params);
    Optional<LockHolder> holder = holderOf(target, pipeline.refuseWhileHeld(params));
    List<ActiveFreeze> frozen = frozen(pipeline, params);
    return new StartPlan(pipeline.summary(params), Optional.of(target), List.of(), holder, frozen);
  }

  /** Who holds {@code target}, or else one of {@code others}, now. */
  private Optional<LockHolder> holderOf(LockKey target, Set<LockKey> others) {
    Optional<LockHolder> holder = store.holder(target);
    for (LockKey other : others) {
      if (holder.isEmpty()) {
        holder = store.holder(other);
      }
    }
    return holder;
  }

  /** Where a queued run stands now; empty when it is not queued (any more). */
  public Optional<QueuePlace> queuePlace(RunId id) {
    Optional<Run> found = store.find(id);
    if (found.isEmpty() || found.get().status() != RunStatus.QUEUED) {
      return Optional.empty();
    }
    List<Run> queue = store.queued(found.get().target());
    int index = queue.stream().map(Run::id).toList().indexOf(id);
    if (index < 0) {
      return Optional.empty();
    }
    return Optional.of(placeOf(queue, index));
  }

  /** Every queued run with its place, target by target, each target's next first. */
  public List<QueuePlace> queued() {
    List<Run> all = store.queued();
    List<QueuePlace> places = new ArrayList<>();
    for (int i = 0, first = 0; i < all.size(); i++) {
      if (!all.get(i).target().equals(all.get(first).target())) {
        first = i;
      }
      places.add(placeOf(all.subList(first, all.size()), i - first));
    }
    return places;
  }

  private QueuePlace placeOf(List<Run> queue, int index) {
    Run run = queue.get(index);
    PipelineQueueRules rules = new PipelineQueueRules();
    return new QueuePlace(
        run,
        index + 1,
        queue.subList(0, index),
        holderOf(run.target(), rules.refuseWhileHeld(run)),
        rules.frozen(run));
  }

  /** What a queued run's pipeline says about it now; a pipeline this build lacks says nothing. */
  private final class PipelineQueueRules implements QueueRules {
    @Override
    public List<ActiveFreeze> frozen(Run run) {
      if (breakGlassOf(run.id()).isPresent()) {
        return List.of(); // asked for through the freezes, with one more approval
      }
      return pipelines.find(run.pipeline()).map(p -> frozenRun(p, run)).orElse(List.of());
    }

    @Override
    public Set<LockKey> refuseWhileHeld(Run run) {
      return pipelines.find(run.pipeline()).map(p -> keysOf(p, run)).orElse(Set.of());
    }

    private <P extends Record> List<ActiveFreeze> frozenRun(Pipeline<P> pipeline, Run run) {
      return Engine.this.frozen(pipeline, run.params(pipeline.paramsType()));
    }

    private <P extends Record> Set<LockKey> keysOf(Pipeline<P> pipeline, Run run) {
      return pipeline.refuseWhileHeld(run.params(pipeline.paramsType()));
    }
  }

  /** Counts {@code userId}'s approval; the run starts as soon as it has enough. */
  public ApproveResult approve(RunId id, String userId) {
    Optional<Run> found = store.find(id);
    if (found.isEmpty()) {
      return new ApproveResult.NotFound(id);
    }
    Run run = found.get();
    Instant now = clock.instant();
    if (run.status() != RunStatus.AWAITING_APPROVAL) {
      return new ApproveResult.NotAwaitingApproval(run);
    }
    if (run.requester().equals(userId)) {
      refuseApproval(run, userId, "the requester cannot approve their own run", now);
      return new ApproveResult.RequesterCannotApprove(run);
    }
    if (run.approvalDeadline().map(deadline -> !now.isBefore(deadline)).orElse(false)) {
      refuseApproval(run, userId, "the approval window had closed", now);
      return new ApproveResult.Expired(run);
    }
    int required = run.approvalsRequired();
    List<String> before = store.approvers(id);
    if (before.contains(userId)) {
      return new ApproveResult.AlreadyApproved(run, before.size(), required);
    }
    RunEvent event = new RunEvent.ApprovalRecorded(run, now, userId, before.size() + 1, required);
    AuditEntry line =
        AuditEntry.ofRun(now, userId, AuditAction.APPROVED, run.target(), id, event.describe());
    if (!store.approve(id, userId, now, event, line)) {
      return new ApproveResult.AlreadyApproved(run, store.approvers(id).size(), required);
    }
    int approvals = store.approvers(id).size();
    breakGlassOf(id)
        .ifPresent(
            breakGlass ->
                store.audit(
                    AuditEntry.ofRun(
                        now,
                        userId,
                        AuditAction.BREAK_GLASS_APPROVED,
                        run.target(),
                        id,
                        "break-glass of "
                            + id
                            + " approved by "
                            + userId
                            + " ("
                            + breakGlass.detail()
                            + ")")));
    listeners.publish(List.of(event));
    if (approvals >= required) {
      wakeUps.wakeAt(id, now);
    }
    return new ApproveResult.Recorded(run, approvals, required);
  }

  private void refuseApproval(Run run, String userId, String why, Instant now) {
    store.audit(
        AuditEntry.ofRun(
            now,
            userId,
            AuditAction.APPROVAL_REFUSED,
            run.target(),
            run.id(),
            "approval of " + run.id() + " refused: " + why));
  }

  /**
   * Asks the run to stop: its current step's cancel hook runs, then the undos of what it changed,
   * and it ends CANCELLED. A run still waiting to start ends at once, with nothing to undo.
   */
  public CancelResult cancel(RunId id, String userId) {
    Optional<Run> found = store.find(id);
    if (found.isEmpty()) {
      return new CancelResult.NotFound(id);
    }
    Run run = found.get();
    if (!run.isActive()) {
      return new CancelResult.AlreadyFinished(run);
    }
    if (run.cancelRequest().isPresent()) {
      return new CancelResult.AlreadyRequested(run);
    }
    Instant now = clock.instant();
    CancelRequest request = new CancelRequest(userId, now);
    RunEvent event = new RunEvent.CancelRequested(run, now, userId);
    AuditEntry line =
        AuditEntry.ofRun(
            now, userId, AuditAction.CANCEL_REQUESTED, run.target(), id, event.describe());
    if (!store.requestCancel(id, request, event, line)) {
      Run current = store.find(id).orElse(run);
      return current.isActive()
          ? new CancelResult.AlreadyRequested(current)
          : new CancelResult.AlreadyFinished(current);
    }
    listeners.publish(List.of(event));
    wakeUps.wakeAt(id, now);
    return new CancelResult.Requested(store.find(id).orElse(run));
  }

  /**
   * Holds a running run of a {@link Pipeline#pausable() pausable} pipeline where it is: its current
   * step is not checked again, and its wake-ups (a restart's included) do nothing, until {@link
   * #resume}. A paused run can still be cancelled; the time it stays paused does not count toward
   * its current step's timeout.
   */
  public PauseResult pause(RunId id, String userId) {
    Optional<Run> found = store.find(id);
    if (found.isEmpty()) {
      return new PauseResult.NotFound(id);
    }
    Run run = found.get();
    if (!run.isActive()) {
      return new PauseResult.AlreadyFinished(run);
    }
    if (!pipelines.find(run.pipeline()).map(Pipeline::pausable).orElse(false)) {
      return new PauseResult.NotPausable(run);
    }
    if (run.isPaused()) {
      return new PauseResult.AlreadyPaused(run);
    }
    // A pending run (started, not yet picked up) may be paused too: it then waits before its first
    // step, which is what someone who pauses right after starting means.
    boolean pending = run.status() == RunStatus.PENDING;
    if ((run.status() != RunStatus.RUNNING && !pending)
        || run.isRollingBack()
        || run.cancelRequest().isPresent()) {
      return new PauseResult.NotRunning(run);
    }
    Instant now = clock.instant();
    PauseRequest request = new PauseRequest(userId, now);
    Run paused = run.withPause(Optional.of(request));
    RunEvent event = new RunEvent.RunPaused(paused, now, userId);
    AuditEntry line =
        AuditEntry.ofRun(now, userId, AuditAction.PAUSED, run.target(), id, event.describe());
    if (!store.pause(id, request, event, line)) {
      Run current = store.find(id).orElse(run);
      return !current.isActive()
          ? new PauseResult.AlreadyFinished(current)
          : current.isPaused()
              ? new PauseResult.AlreadyPaused(current)
              : new PauseResult.NotRunning(current);
    }
    listeners.publish(List.of(event));
    return new PauseResult.Paused(store.find(id).orElse(paused), userId);
  }

  /** Lets a paused run go on from where it was: its current step is checked again at once. */
  public PauseResult resume(RunId id, String userId) {
    Optional<Run> found = store.find(id);
    if (found.isEmpty()) {
      return new PauseResult.NotFound(id);
    }
    Run run = found.get();
    if (!run.isActive()) {
      return new PauseResult.AlreadyFinished(run);
    }
    if (run.pause().isEmpty()) {
      return new PauseResult.NotPaused(run);
    }
    if (run.question().isPresent()) {
      // Resuming would only make the step ask again: it waits for one of the answers.
      return new PauseResult.AwaitsAnswer(run, run.question().get());
    }
    Instant now = clock.instant();
    Run resumed = run.withPause(Optional.empty());
    RunEvent event = new RunEvent.RunResumed(resumed, now, userId);
    Optional<FreezeHold> hold = run.pause().get().hold();
    // Resuming a run a freeze holds lets it through the freezes in force now (InFlightHolds).
    AuditEntry line =
        AuditEntry.ofRun(
            now,
            userId,
            hold.isPresent() ? AuditAction.RESUMED_THROUGH_FREEZE : AuditAction.RESUMED,
            run.target(),
            id,
            hold.map(
                    h ->
                        event.describe()
                            + " through "
                            + h.names()
                            + " (in force until "
                            + RunEvent.TIME.format(h.until())
                            + ")")
                .orElse(event.describe()));
    if (!store.resume(id, now, event, line)) {
      Run current = store.find(id).orElse(run);
      return current.isActive()
          ? new PauseResult.NotPaused(current)
          : new PauseResult.AlreadyFinished(current);
    }
    listeners.publish(List.of(event));
    wakeUps.wakeAt(id, now);
    return new PauseResult.Resumed(store.find(id).orElse(resumed), userId);
  }

  /**
   * Answers the question the run's current step asked ({@link
   * dev.shipmate.engine.pipeline.StepResult#ask}): the run goes on, and the step reads {@code
   * choice} at its next check, which is at once. Two answers at once count once: the second is told
   * the run no longer asks.
   */
  public DecideResult decide(RunId id, String choice, String userId) {
    Optional<Run> found = store.find(id);
    if (found.isEmpty()) {
      return new DecideResult.NotFound(id);
    }
    Run run = found.get();
    if (!run.isActive()) {
      return new DecideResult.AlreadyFinished(run);
    }
    Optional<Question> question = run.question();
    if (question.isEmpty()) {
      return new DecideResult.NotAsking(run);
    }
    Optional<Question.Choice> picked = question.get().choice(choice);
    if (picked.isEmpty()) {
      return new DecideResult.NotAChoice(run, question.get(), choice);
    }
    Instant now = clock.instant();
    Run decided =
        run.withPause(Optional.empty())
            .withDecision(Optional.of(new Decision(choice, userId, now)));
    RunEvent event = new RunEvent.DecisionMade(decided, now, userId, picked.get());
    AuditEntry line =
        AuditEntry.ofRun(now, userId, AuditAction.DECIDED, run.target(), id, event.describe());
    if (!store.decide(run, decided.decision().orElseThrow(), event, line)) {
      Run current = store.find(id).orElse(run);
      return current.isActive()
          ? new DecideResult.NotAsking(current)
          : new DecideResult.AlreadyFinished(current);
    }
    listeners.publish(List.of(event));
    wakeUps.wakeAt(id, now);
    return new DecideResult.Decided(store.find(id).orElse(decided), userId, picked.get());
  }

  /** Looks at the run at once: a watch event saw something change. */
  public void wake(RunId id) {
    wakeUps.wakeAt(id, clock.instant());
  }

  public Optional<Run> run(RunId id) {
    return store.find(id);
  }

  public List<StepRun> steps(RunId id) {
    return store.stepRuns(id);
  }

  public List<JournalEntry> journal(RunId id) {
    return store.journal(id);
  }

  public List<String> approvers(RunId id) {
    return store.approvers(id);
  }

  /** Runs that are not over, oldest first: for {@code /runs}. */
  public List<Run> active() {
    return store.active();
  }

  /** The last {@code limit} runs of a target, newest first: for {@code /deploy history}. */
  public List<Run> history(LockKey target, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return store.history(target, limit);
  }

  public Optional<LockHolder> lockHolder(LockKey key) {
    return store.holder(key);
  }

  /**
   * Takes the run's reply (its Slack card) for {@code holder} for {@code lease}, across replicas:
   * true when nobody else holds it (or their lease ran out). One replica at a time renders the card
   * from the stored run and sends it, so that an older state never overwrites a newer one. Release
   * it with {@link #releaseCard}.
   */
  public boolean holdCard(RunId id, String holder, Duration lease) {
    Instant now = clock.instant();
    return store.holdCard(id, holder, now, now.plus(lease));
  }

  /** Lets go of the run's card, if {@code holder} holds it. */
  public void releaseCard(RunId id, String holder) {
    store.releaseCard(id, holder);
  }

  /** Once the run's card is posted, where its thread is. */
  public boolean updateReplyAddress(RunId id, ReplyAddress address) {
    return store.updateReplyAddress(id, address);
  }

  /** The longest request key {@link #claimRequest} takes. */
  public static final int MAX_REQUEST_KEY_LENGTH = 200;

  /**
   * Claims a request once, before anything is started for it: true the first time {@code key} is
   * seen, false ever after (until {@link #forgetRequestsBefore}), across replicas. The caller
   * builds the key from what identifies one delivery, e.g. a Slack team and trigger id, so that a
   * retried or double-submitted request starts nothing a second time.
   *
   * @throws IllegalArgumentException if the key is blank or longer than {@value
   *     #MAX_REQUEST_KEY_LENGTH} characters
   */
  public boolean claimRequest(String key) {
    if (key == null || key.isBlank() || key.length() > MAX_REQUEST_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "a request key is 1 to " + MAX_REQUEST_KEY_LENGTH + " characters, not '" + key + "'");
    }
    return store.claimRequest(key, clock.instant());
  }

  /**
   * Forgets the request keys claimed before {@code before}, once no retry of them can come any
   * more; answers how many were forgotten.
   */
  public int forgetRequestsBefore(Instant before) {
    return store.forgetRequests(before);
  }

  /**
   * The engine's one watchdog ({@code watchdogs:}), scheduled by {@link #start()}: stuck runs,
   * approval deadlines, freeze holds, and the watches features add ({@link Watchdog#watch}).
   */
  public Watchdog watchdog() {
    return watchdog;
  }

  /** The freezes in force, and those set from chat. */
  public Freezes freezes() {
    return freezes;
  }

  /** The ledger line that says {@code id} was asked for through a freeze, if it was. */
  public Optional<AuditEntry> breakGlassOf(RunId id) {
    return store.auditOf(id).stream()
        .filter(e -> e.action() == AuditAction.BREAK_GLASS)
        .findFirst();
  }

  /** Adds a line to the audit ledger: the caller records each command as typed. */
  public void record(AuditEntry entry) {
    store.audit(entry);
  }

  /** The newest {@code limit} ledger lines about a target, newest first. */
  public List<AuditEntry> audit(LockKey target, int limit) {
    return store.auditOf(target, limit);
  }

  public List<AuditEntry> audit(RunId id) {
    return store.auditOf(id);
  }

  /**
   * Advances a run, and makes sure a failure of the engine itself (the database went away) does not
   * strand it: it is tried again later. Errors are re-thrown after that, for the caller to see.
   */
  private void advanceSafely(RunId id) {
    try {
      advancer.advance(id);
    } catch (RuntimeException | Error e) {
      log.error("advancing run {} failed; trying again in {}", id, settings.retryAfterError(), e);
      try {
        wakeUps.wakeAt(id, clock.instant().plus(settings.retryAfterError()));
      } catch (RuntimeException again) {
        log.error("could not schedule run {} again; it waits for the next start", id, again);
      }
      if (e instanceof Error error) {
        throw error;
      }
    }
  }

  /** Assembles an engine from its parts. */
  public static final class Builder {
    private final RunStore store;
    private final PipelineRegistry pipelines;
    private WakeUps wakeUps;
    private RecurringJobs recurringJobs;
    private Clock clock = Clock.systemUTC();
    private EngineSettings settings = EngineSettings.defaults();
    private RandomGenerator random = new SecureRandom();
    private final List<ExceptionClassifier> classifiers = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private FreezeCalendar calendar = new FreezeCalendar(List.of());

    private Builder(RunStore store, PipelineRegistry pipelines) {
      this.store = Objects.requireNonNull(store, "store");
      this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    }

    public Builder wakeUps(WakeUps value) {
      this.wakeUps = value;
      return this;
    }

    /**
     * Where recurring jobs are kept. By default, the wake-ups' own scheduler when they are {@link
     * QuartzWakeUps}, otherwise an {@link InMemoryRecurringJobs} on the engine's clock (a test that
     * fires jobs by name passes its own).
     */
    public Builder recurringJobs(RecurringJobs value) {
      this.recurringJobs = Objects.requireNonNull(value);
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    public Builder settings(EngineSettings value) {
      this.settings = Objects.requireNonNull(value);
      return this;
    }

    /** Where run ids come from; a seeded generator makes them predictable in tests. */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value);
      return this;
    }

    /** Classifies exceptions of the libraries the pipelines use, before the built-in rules. */
    public Builder classifier(ExceptionClassifier classifier) {
      classifiers.add(Objects.requireNonNull(classifier));
      return this;
    }

    /** Closed, in order, when the engine is closed: its scheduler, its database. */
    public Builder owning(AutoCloseable resource) {
      owned.add(Objects.requireNonNull(resource));
      return this;
    }

    /** The configured freeze windows; none by default. */
    public Builder freezeCalendar(FreezeCalendar value) {
      this.calendar = Objects.requireNonNull(value);
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
