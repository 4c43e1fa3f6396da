package dev.shipmate.engine.advance;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.json.Json;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Durations;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunState;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.run.StepStatus;
import dev.shipmate.engine.store.ConcurrentTransitionException;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.store.Transition;
import dev.shipmate.engine.wakeup.WakeUps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one run forward: loads it, decides, runs its current step once if there is one, and commits
 * each transition before reporting it. A plain method: whoever calls {@link #advance} (Quartz, or a
 * test's hand-driven wake-ups) decides when; this class decides what.
 *
 * <p>The advancer is the only writer of a run's state after its creation. Approvals and cancel
 * requests are written beside it by the engine, and read here.
 */
public final class RunAdvancer {
  private static final Logger log = LoggerFactory.getLogger(RunAdvancer.class);

  /** A run that keeps finishing instant steps yields its thread after this many transitions. */
  static final int MAX_TRANSITIONS_PER_WAKE = 200;

  private static final Duration UNKNOWN_PIPELINE_RECHECK = Duration.ofMinutes(5);

  private final RunStore store;
  private final PipelineRegistry pipelines;
  private final WakeUps wakeUps;
  private final Clock clock;
  private final FailureClassifier classifier;
  private final RunListeners listeners;
  private final QueueMover queue;
  private final FreezeHolds holds;

  public RunAdvancer(
      RunStore store,
      PipelineRegistry pipelines,
      WakeUps wakeUps,
      Clock clock,
      FailureClassifier classifier,
      RunListeners listeners,
      QueueMover queue,
      FreezeHolds holds) {
    this.store = store;
    this.pipelines = pipelines;
    this.wakeUps = wakeUps;
    this.clock = clock;
    this.classifier = classifier;
    this.listeners = listeners;
    this.queue = queue;
    this.holds = holds;
  }

  private sealed interface Next {}

  private record Continue() implements Next {}

  private record WaitUntil(Instant at) implements Next {}

  private static final Next CONTINUE = new Continue();

  /** What others may change beside the advancer: a decision to wait depends on them. */
  private record Inputs(boolean cancelRequested, int approvals, boolean paused) {}

  public void advance(RunId id) {
    // Every line logged while the run advances, by the engine, its steps and the libraries they
    // call, names the run, its pipeline and its step (see RunLogContext).
    try (RunLogContext logContext = RunLogContext.enter(id)) {
      advanceLogged(id, logContext);
    }
  }

  private void advanceLogged(RunId id, RunLogContext logContext) {
    for (int transitions = 0; transitions < MAX_TRANSITIONS_PER_WAKE; transitions++) {
      Optional<Run> loaded = store.find(id);
      if (loaded.isEmpty() || !loaded.get().isActive()) {
        return;
      }
      Run run = loaded.get();
      logContext.at(run.pipeline(), run.currentStep());
      if (run.isPaused() && run.pause().get().hold().isPresent()) {
        if (stillHeld(run)) {
          return;
        }
        continue;
      }
      if (run.isPaused()) {
        // Its wake-ups are spent doing nothing; resuming wakes it again.
        log.debug("run {} is paused by {}; not advancing it", id, run.pause().get().by());
        return;
      }
      Inputs seen = inputs(run);
      Next next;
      try {
        next = decide(run, seen);
      } catch (ConcurrentTransitionException e) {
        log.warn("run {} was changed by another writer; looking again", id);
        continue;
      }
      if (next instanceof WaitUntil wait) {
        wakeUps.wakeAt(id, wait.at());
        // An approval or a cancel committed while we decided to wait may have had its own
        // wake-up replaced by ours: look again rather than sleep through it.
        Optional<Run> now = store.find(id);
        if (now.isEmpty() || inputs(now.get()).equals(seen)) {
          return;
        }
      }
    }
    log.info("run {} yields after {} transitions", id, MAX_TRANSITIONS_PER_WAKE);
    wakeUps.wakeAt(id, clock.instant());
  }

  private Inputs inputs(Run run) {
    int approvals =
        run.status() == RunStatus.AWAITING_APPROVAL ? store.approvers(run.id()).size() : 0;
    return new Inputs(run.cancelRequest().isPresent(), approvals, run.isPaused());
  }

  private Next decide(Run run, Inputs seen) {
    Optional<Pipeline<?>> pipeline = pipelines.find(run.pipeline());
    if (pipeline.isEmpty()) {
      // Perhaps a newer replica started it; this one cannot advance it, but must not fail it.
      log.error(
          "run {} needs pipeline '{}', which this build does not have", run.id(), run.pipeline());
      return new WaitUntil(clock.instant().plus(UNKNOWN_PIPELINE_RECHECK));
    }
    return decide(run, pipeline.get(), seen);
  }

  private <P extends Record> Next decide(Run run, Pipeline<P> pipeline, Inputs seen) {
    Instant now = clock.instant();
    return switch (run.status()) {
      case QUEUED -> queued(run, now);
      case PENDING ->
          run.cancelRequest().isPresent()
              ? finishUnstarted(
                  run, "cancelled by " + run.cancelRequest().get().by() + " before it started", now)
              : start(run, pipeline, now);
      case AWAITING_APPROVAL -> awaitingApproval(run, pipeline, seen, now);
      case RUNNING -> running(run, pipeline, now);
      case SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK -> CONTINUE;
    };
  }

  /** A queued run leaves the queue when cancelled, or when its turn comes (then it goes on). */
  private Next queued(Run run, Instant now) {
    if (run.cancelRequest().isPresent()) {
      String by = run.cancelRequest().get().by();
      Run failed =
          run.withState(
              run.state()
                  .withFailure(
                      Failure.of(
                          FailureKind.CANCELLED,
                          "cancelled by " + by + " while it waited in the queue"),
                      now));
      finish(
          run,
          failed.state(),
          RunStatus.CANCELLED,
          List.of(),
          List.of(),
          now,
          List.of(QueueMover.removed(run, by, now)));
      queue.moved(run.target(), now);
      return CONTINUE;
    }
    QueueMover.Turn turn = queue.move(run);
    return turn instanceof QueueMover.Waits waits ? new WaitUntil(waits.until()) : CONTINUE;
  }

  private <P extends Record> Next awaitingApproval(
      Run run, Pipeline<P> pipeline, Inputs seen, Instant now) {
    if (run.cancelRequest().isPresent()) {
      return finishUnstarted(
          run, "cancelled by " + run.cancelRequest().get().by() + " before it was approved", now);
    }
    if (seen.approvals() >= run.approvalsRequired()) {
      return start(run, pipeline, now);
    }
    Instant deadline = run.approvalDeadline().orElse(now);
    if (!now.isBefore(deadline)) {
      // From the last transition, not from its creation: a queued run's window opened when its
      // turn came, and nothing else changes a run's state while it waits for approval.
      Duration waited = Duration.between(run.state().updatedAt(), deadline);
      return finishUnstarted(
          run,
          "cancelled: not approved within "
              + Durations.words(waited)
              + " ("
              + seen.approvals()
              + " of "
              + run.approvalsRequired()
              + " approvals)",
          now);
    }
    return new WaitUntil(deadline);
  }

  private <P extends Record> Next start(Run run, Pipeline<P> pipeline, Instant now) {
    Plan<P> plan = new Plan<>(pipeline, List.of());
    RunState state =
        run.state().started(now).at(Phase.FORWARD, 0, plan.stepName(Phase.FORWARD, 0), now);
    Run after = run.withState(state);
    commit(run, after, List.of(), List.of(new RunEvent.RunStarted(after, now)), List.of());
    return CONTINUE;
  }

  /** Ends a run that never started a step: cancelled, or its approvals expired. */
  private Next finishUnstarted(Run run, String why, Instant now) {
    Run failed =
        run.withState(run.state().withFailure(Failure.of(FailureKind.CANCELLED, why), now));
    return finish(run, failed.state(), RunStatus.CANCELLED, List.of(), List.of(), now);
  }

  private <P extends Record> Next running(Run run, Pipeline<P> pipeline, Instant now) {
    P params;
    try {
      params = run.params(pipeline.paramsType());
    } catch (Json.JsonException e) {
      log.error("run {}: stored parameters do not fit {}", run.id(), pipeline.paramsType(), e);
      Failure unreadable =
          Failure.permanent(
              "its stored parameters cannot be read by this version of Shipmate, so nothing was"
                  + " undone");
      return finish(
          run,
          run.state().withFailure(unreadable, now),
          RunStatus.FAILED,
          List.of(),
          List.of(),
          now);
    }
    Plan<P> plan = new Plan<>(pipeline, store.stepRuns(run.id()));
    if (run.phase() == Phase.FORWARD && run.cancelRequest().isPresent()) {
      return cancelForward(run, pipeline, plan, params, now);
    }
    List<Step<P>> steps = plan.steps(run.phase());
    int index = run.state().stepIndex();
    if (index >= steps.size()) {
      return endOfPhase(run, pipeline, plan, now);
    }
    return runStep(run, plan, steps.get(index), params, now);
  }

  private <P extends Record> Next runStep(
      Run run, Plan<P> plan, Step<P> step, P params, Instant now) {
    Phase phase = run.phase();
    int index = run.state().stepIndex();
    Optional<StepRun> existing = plan.stepRun(phase, index);
    List<RunEvent> events = new ArrayList<>();
    StepRun current;
    Run marked = run.withState(run.state().touched(now));
    if (existing.isEmpty() && phase == Phase.FORWARD) {
      // The in-flight rule: a run a freeze holds starts no new step.
      Optional<FreezeHold> hold = holds.holdFor(run, plan.pipeline().change(params));
      if (hold.isPresent()) {
        return hold(run, step.name(), hold.get(), "before it starts", List.of(), now);
      }
    }
    if (existing.isEmpty()) {
      current = StepRun.started(run.id(), phase, index, step.name(), now);
      events.add(new RunEvent.StepStarted(marked, now, step.name()));
    } else {
      current = existing.get();
      if (current.status().isTerminal()) {
        throw new IllegalStateException(
            "run " + run.id() + " points at " + step.name() + ", which already ended");
      }
      if (current.inFlight() && !step.reentrant()) {
        return failStep(run, plan, current, interrupted(step), now);
      }
      Instant deadline = current.startedAt().plus(step.timeout());
      if (!now.isBefore(deadline)) {
        runCancelHook(step, new RunStepContext<>(run, params, current, clock));
        Failure timeout =
            Failure.of(
                FailureKind.TIMEOUT,
                step.name() + " did not finish within " + Durations.words(step.timeout()));
        return failStep(run, plan, current, timeout, now);
      }
    }
    StepRun entering = current.entering(now);
    RunLogContext.step(step.name());
    commit(run, marked, List.of(entering), events, List.of());
    StepResult result =
        execute(
            step,
            new RunStepContext<>(
                marked,
                params,
                entering,
                clock,
                () -> holds.holdFor(marked, plan.pipeline().change(params))));
    return apply(marked, plan, step, entering, result, clock.instant());
  }

  private <P> StepResult execute(Step<P> step, RunStepContext<P> context) {
    try {
      StepResult result = step.execute(context);
      if (result == null) {
        return StepResult.failed(
            Failure.permanent(step.name() + " answered nothing; this is a bug in Shipmate"));
      }
      return result;
    } catch (Exception e) {
      return StepResult.failed(classifier.classify(e, context.runId().value(), step.name()));
    }
  }

  private <P extends Record> Next apply(
      Run seen, Plan<P> plan, Step<P> step, StepRun entering, StepResult result, Instant now) {
    // The step has seen the answer to its question, if there was one: whatever it answered, the
    // transition that stores it clears the answer.
    Run run = seen.withDecision(Optional.empty());
    Instant deadline = entering.startedAt().plus(step.timeout());
    int index = run.state().stepIndex();
    return result.match(
        new StepResult.Cases<Next>() {
          @Override
          public Next asking(StepResult.Asking asking) {
            if (!plan.pipeline().pausable() || run.phase() != Phase.FORWARD) {
              return afterFailure(
                  run,
                  plan,
                  step,
                  entering,
                  Failure.permanent(
                      step.name()
                          + " asked a question, but its run cannot pause here; this is a bug in"
                          + " Shipmate. The question was: "
                          + asking.question().text()),
                  deadline,
                  now);
            }
            return ask(run, step, entering, asking.question(), now);
          }

          @Override
          public Next held(StepResult.Held held) {
            if (run.phase() != Phase.FORWARD) {
              return afterFailure(
                  run,
                  plan,
                  step,
                  entering,
                  Failure.permanent(
                      step.name()
                          + " waited for a freeze while undoing; this is a bug in Shipmate"),
                  deadline,
                  now);
            }
            return hold(
                run,
                step.name(),
                held.hold(),
                held.progress(),
                List.of(entering.checkingAgain(held.progress(), held.hold().until(), now)),
                now);
          }

          @Override
          public Next succeeded(StepResult.Succeeded done) {
            RunState state = run.state();
            if (done.output().isPresent()) {
              state = state.withOutput(step.name(), done.output().get(), now);
            }
            Run after = run.withState(moveTo(state, plan, run.phase(), index + 1, now));
            commit(
                run,
                after,
                List.of(
                    entering.ended(
                        StepStatus.SUCCEEDED,
                        Optional.empty(),
                        done.note().or(entering::progress),
                        now)),
                List.of(new RunEvent.StepSucceeded(after, now, step.name(), done.note())),
                List.of());
            return CONTINUE;
          }

          @Override
          public Next skipped(StepResult.Skipped skipped) {
            Run after = run.withState(moveTo(run.state(), plan, run.phase(), index + 1, now));
            commit(
                run,
                after,
                List.of(
                    entering.ended(
                        StepStatus.SKIPPED, Optional.empty(), Optional.of(skipped.reason()), now)),
                List.of(new RunEvent.StepSkipped(after, now, step.name(), skipped.reason())),
                List.of());
            return CONTINUE;
          }

          @Override
          public Next running(StepResult.Running running) {
            Instant next = earliest(now.plus(running.checkAfter()), deadline);
            Run after = run.withState(run.state().touched(now));
            List<RunEvent> events =
                entering.progress().equals(Optional.of(running.progress()))
                    ? List.of()
                    : List.of(
                        new RunEvent.StepProgressed(
                            after, now, step.name(), running.progress(), next));
            commit(
                run,
                after,
                List.of(entering.checkingAgain(running.progress(), next, now)),
                events,
                List.of());
            return new WaitUntil(next);
          }

          @Override
          public Next failed(StepResult.Failed failed) {
            return afterFailure(run, plan, step, entering, failed.failure(), deadline, now);
          }
        });
  }

  /** The step failed: a transient failure is tried again while its retry policy allows. */
  private <P extends Record> Next afterFailure(
      Run run,
      Plan<P> plan,
      Step<P> step,
      StepRun entering,
      Failure failure,
      Instant deadline,
      Instant now) {
    if (failure.kind() == FailureKind.TRANSIENT) {
      int failures = entering.failedAttempts() + 1;
      if (failures < step.retry().maxAttempts()) {
        Instant next = earliest(now.plus(step.retry().delayAfter(failures)), deadline);
        Run after = run.withState(run.state().touched(now));
        commit(
            run,
            after,
            List.of(entering.retrying(failure.at(step.name()), next, now)),
            List.of(new RunEvent.StepRetrying(after, now, step.name(), failure, failures, next)),
            List.of());
        return new WaitUntil(next);
      }
      if (step.retry().maxAttempts() > 1) {
        failure =
            failure.withMessage(failure.message() + " (gave up after " + failures + " tries)");
      }
    }
    return failStep(run, plan, entering, failure, now);
  }

  /**
   * Pauses the run with the step's question: the step stays current, is not checked again until
   * someone answers (or cancels), and the answer reaches it at its next check.
   */
  private <P extends Record> Next ask(
      Run run, Step<P> step, StepRun entering, Question question, Instant now) {
    PauseRequest pause = new PauseRequest(AuditEntry.ENGINE, now, Optional.of(question));
    Run after = run.withState(run.state().touched(now)).withPause(Optional.of(pause));
    AuditEntry line =
        AuditEntry.ofRun(
            now,
            AuditEntry.ENGINE,
            AuditAction.PAUSED,
            run.target(),
            run.id(),
            run.id() + " paused at " + step.name() + " to ask: " + question.text());
    commit(
        run,
        after,
        List.of(
            entering.checkingAgain("waiting for an answer: " + question.choiceLabels(), now, now)),
        List.of(new RunEvent.QuestionAsked(after, now, step.name(), question)),
        List.of(line));
    return CONTINUE;
  }

  /**
   * Pauses the run for the freezes of {@code hold}: it stays at {@code stepName} and goes on by
   * itself when they end ({@link #stillHeld}), or when someone resumes it.
   */
  private Next hold(
      Run run,
      String stepName,
      FreezeHold hold,
      String progress,
      List<StepRun> stepRuns,
      Instant now) {
    PauseRequest pause = PauseRequest.held(AuditEntry.ENGINE, now, hold);
    Run after = run.withState(run.state().touched(now)).withPause(Optional.of(pause));
    RunEvent event = new RunEvent.RunHeld(after, now, stepName, hold, progress);
    AuditEntry line =
        AuditEntry.ofRun(
            now,
            AuditEntry.ENGINE,
            AuditAction.HELD_BY_FREEZE,
            run.target(),
            run.id(),
            event.describe());
    commit(run, after, stepRuns, List.of(event), List.of(line));
    return CONTINUE;
  }

  /**
   * A run a freeze holds, looked at again (at the freeze's end, or by the watchdog): true while a
   * freeze still holds it, with its next look set for that freeze's end (and its card told when the
   * end moved); false once it has gone on, because the freezes ended or were lifted.
   */
  private boolean stillHeld(Run run) {
    Instant now = clock.instant();
    PauseRequest pause = run.pause().orElseThrow();
    FreezeHold stored = pause.hold().orElseThrow();
    Optional<FreezeHold> current = holdNow(run);
    if (current.isEmpty()) {
      Run resumed = run.withPause(Optional.empty());
      RunEvent event = new RunEvent.RunResumed(resumed, now, AuditEntry.ENGINE);
      AuditEntry line =
          AuditEntry.ofRun(
              now,
              AuditEntry.ENGINE,
              AuditAction.RESUMED,
              run.target(),
              run.id(),
              run.id() + " goes on: " + stored.names() + " is no longer in force");
      if (store.resume(run.id(), now, event, line)) {
        listeners.publish(List.of(event));
      }
      return false;
    }
    if (!current.get().equals(stored)) {
      Run after =
          run.withState(run.state().touched(now))
              .withPause(Optional.of(PauseRequest.held(pause.by(), pause.at(), current.get())));
      String step = run.currentStep().orElse(run.pipeline());
      try {
        commit(
            run,
            after,
            List.of(),
            List.of(new RunEvent.RunHeld(after, now, step, current.get(), "still waiting")),
            List.of());
      } catch (ConcurrentTransitionException e) {
        log.info("run {} changed while its hold was renewed; looking again", run.id());
        return false;
      }
    }
    wakeUps.wakeAt(run.id(), current.get().until());
    return true;
  }

  /** The freezes that hold a run running forward now, by its pipeline's change. */
  private Optional<FreezeHold> holdNow(Run run) {
    if (run.phase() != Phase.FORWARD || run.status() != RunStatus.RUNNING) {
      return Optional.empty();
    }
    return pipelines.find(run.pipeline()).flatMap(pipeline -> holdNow(run, pipeline));
  }

  private <P extends Record> Optional<FreezeHold> holdNow(Run run, Pipeline<P> pipeline) {
    P params;
    try {
      params = run.params(pipeline.paramsType());
    } catch (Json.JsonException e) {
      return Optional.empty();
    }
    return holds.holdFor(run, pipeline.change(params));
  }

  /** The current step failed for good: what follows depends on the phase it failed in. */
  private <P extends Record> Next failStep(
      Run run, Plan<P> plan, StepRun stepRun, Failure failure, Instant now) {
    Failure located = failure.at(stepRun.step());
    StepRun ended = stepRun.ended(StepStatus.FAILED, Optional.of(located), now);
    int index = run.state().stepIndex();
    return switch (run.phase()) {
      case FORWARD -> {
        RunState state = run.state().withFailure(located, now);
        Run after = run.withState(moveTo(state, plan, Phase.COMPENSATING, 0, now));
        List<RunEvent> events = new ArrayList<>();
        events.add(new RunEvent.StepFailed(after, now, stepRun.step(), located));
        events.addAll(rollbackStarted(plan, after, located, now));
        commit(run, after, List.of(ended), events, List.of());
        yield CONTINUE;
      }
      case COMPENSATING -> {
        // Stop undoing: undoing older steps over a change that could not be undone would leave
        // a mix no one asked for. The message says what was left.
        RunState state = run.state().withUndoFailure(located, now);
        int end = plan.steps(Phase.COMPENSATING).size();
        Run after = run.withState(moveTo(state, plan, Phase.COMPENSATING, end, now));
        commit(
            run,
            after,
            List.of(ended),
            List.of(new RunEvent.StepFailed(after, now, stepRun.step(), located)),
            List.of());
        yield CONTINUE;
      }
      case ON_FAILURE -> {
        Run after = run.withState(moveTo(run.state(), plan, Phase.ON_FAILURE, index + 1, now));
        commit(
            run,
            after,
            List.of(ended),
            List.of(new RunEvent.StepFailed(after, now, stepRun.step(), located)),
            List.of());
        yield CONTINUE;
      }
    };
  }

  private <P extends Record> Next cancelForward(
      Run run, Pipeline<P> pipeline, Plan<P> plan, P params, Instant now) {
    String by = run.cancelRequest().orElseThrow().by();
    int index = run.state().stepIndex();
    Optional<StepRun> current =
        plan.stepRun(Phase.FORWARD, index).filter(s -> !s.status().isTerminal());
    Failure cause = Failure.of(FailureKind.CANCELLED, "cancelled by " + by);
    List<StepRun> ended = new ArrayList<>();
    if (current.isPresent()) {
      Step<P> step = pipeline.steps().get(index);
      runCancelHook(step, new RunStepContext<>(run, params, current.get(), clock));
      cause = cause.at(step.name());
      ended.add(current.get().ended(StepStatus.CANCELLED, Optional.of(cause), now));
    }
    RunState state = run.state().withFailure(cause, now);
    Run after = run.withState(moveTo(state, plan, Phase.COMPENSATING, 0, now));
    commit(run, after, ended, rollbackStarted(plan, after, cause, now), List.of());
    return CONTINUE;
  }

  /**
   * "Undoing its changes" — only when a completed step has an undo: a run that failed or was
   * cancelled before it changed anything goes straight to its end, which says nothing needed
   * undoing, rather than announcing a rollback that does nothing.
   */
  private static <P extends Record> List<RunEvent> rollbackStarted(
      Plan<P> plan, Run after, Failure cause, Instant now) {
    return plan.steps(Phase.COMPENSATING).isEmpty()
        ? List.of()
        : List.of(new RunEvent.RollbackStarted(after, now, cause));
  }

  private <P extends Record> Next endOfPhase(
      Run run, Pipeline<P> pipeline, Plan<P> plan, Instant now) {
    return switch (run.phase()) {
      case FORWARD -> finish(run, run.state(), RunStatus.SUCCEEDED, List.of(), List.of(), now);
      case COMPENSATING -> {
        RunStatus outcome = Outcomes.afterUndo(run, plan.undone());
        if (outcome != RunStatus.CANCELLED && !pipeline.onFailure().isEmpty()) {
          Run after = run.withState(moveTo(run.state(), plan, Phase.ON_FAILURE, 0, now));
          commit(run, after, List.of(), List.of(), List.of());
          yield CONTINUE;
        }
        yield finish(run, run.state(), outcome, plan.undone(), List.of(), now);
      }
      case ON_FAILURE ->
          finish(
              run,
              run.state(),
              Outcomes.afterUndo(run, plan.undone()),
              plan.undone(),
              plan.failedOnFailureSteps(),
              now);
    };
  }

  private Next finish(
      Run run,
      RunState state,
      RunStatus outcome,
      List<String> undone,
      List<StepRun> failedOnFailure,
      Instant now) {
    return finish(run, state, outcome, undone, failedOnFailure, now, List.of());
  }

  private Next finish(
      Run run,
      RunState state,
      RunStatus outcome,
      List<String> undone,
      List<StepRun> failedOnFailure,
      Instant now,
      List<AuditEntry> lines) {
    Run withCause = run.withState(state);
    String message = Outcomes.message(withCause, outcome, undone, failedOnFailure);
    Run after = run.withState(state.finished(outcome, message, now));
    List<AuditEntry> ledger = new ArrayList<>(lines);
    ledger.add(
        AuditEntry.ofRun(
            now, AuditEntry.ENGINE, AuditAction.RUN_FINISHED, run.target(), run.id(), message));
    commit(run, after, List.of(), List.of(new RunEvent.RunFinished(after, now)), ledger);
    // Its locks are free now: the queues look again, each on its first run's wake-up.
    queue.wakeQueues();
    return CONTINUE;
  }

  private static <P extends Record> RunState moveTo(
      RunState state, Plan<P> plan, Phase phase, int index, Instant now) {
    return state.at(phase, index, plan.stepName(phase, index), now);
  }

  private void commit(
      Run before,
      Run after,
      List<StepRun> stepRuns,
      List<RunEvent> events,
      List<AuditEntry> audit) {
    store.commit(new Transition(before, after, stepRuns, events, audit));
    listeners.publish(events);
  }

  private <P> void runCancelHook(Step<P> step, RunStepContext<P> context) {
    try {
      step.onCancel(context);
    } catch (Exception e) {
      log.warn("run {}: the cancel hook of {} failed", context.runId(), step.name(), e);
    }
  }

  private static Failure interrupted(Step<?> step) {
    return Failure.permanent(
        "Shipmate stopped while "
            + step.name()
            + " was under way, and "
            + step.name()
            + " cannot safely be run a second time");
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
