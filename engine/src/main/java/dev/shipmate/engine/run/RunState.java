package dev.shipmate.engine.run;

import dev.shipmate.engine.json.Json;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a run that moves: where it is, what its steps produced, and how it ended. Only the
 * engine's advancer writes it, one committed transition at a time.
 *
 * @param stepIndex index of the current step in the current {@link Phase}'s list
 * @param contextJson a JSON object: each completed step's output under the step's name
 * @param failure why the run failed or was cancelled, once it has
 * @param undoFailure the undo or on-failure step that failed while cleaning up, if one did
 * @param message the user-safe outcome, naming run, step and cause, once the run is over
 */
public record RunState(
    RunStatus status,
    Phase phase,
    int stepIndex,
    Optional<String> currentStep,
    String contextJson,
    Optional<Failure> failure,
    Optional<Failure> undoFailure,
    Optional<String> message,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Instant updatedAt) {

  public RunState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(currentStep, "currentStep");
    Objects.requireNonNull(contextJson, "contextJson");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(undoFailure, "undoFailure");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public static RunState initial(RunStatus status, Instant at) {
    return new RunState(
        status,
        Phase.FORWARD,
        0,
        Optional.empty(),
        Json.EMPTY_OBJECT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        at);
  }

  public RunState started(Instant at) {
    return new RunState(
        RunStatus.RUNNING,
        phase,
        stepIndex,
        currentStep,
        contextJson,
        failure,
        undoFailure,
        message,
        Optional.of(at),
        finishedAt,
        at);
  }

  public RunState at(Phase newPhase, int newIndex, Optional<String> step, Instant at) {
    return new RunState(
        status,
        newPhase,
        newIndex,
        step,
        contextJson,
        failure,
        undoFailure,
        message,
        startedAt,
        finishedAt,
        at);
  }

  /** Nothing moves but the clock: a step is being entered or checked again. */
  public RunState touched(Instant at) {
    return new RunState(
        status,
        phase,
        stepIndex,
        currentStep,
        contextJson,
        failure,
        undoFailure,
        message,
        startedAt,
        finishedAt,
        at);
  }

  public RunState withOutput(String step, Record output, Instant at) {
    return new RunState(
        status,
        phase,
        stepIndex,
        currentStep,
        Json.withField(contextJson, step, output),
        failure,
        undoFailure,
        message,
        startedAt,
        finishedAt,
        at);
  }

  public RunState withFailure(Failure cause, Instant at) {
    return new RunState(
        status,
        phase,
        stepIndex,
        currentStep,
        contextJson,
        Optional.of(cause),
        undoFailure,
        message,
        startedAt,
        finishedAt,
        at);
  }

  public RunState withUndoFailure(Failure cleanup, Instant at) {
    return new RunState(
        status,
        phase,
        stepIndex,
        currentStep,
        contextJson,
        failure,
        Optional.of(cleanup),
        message,
        startedAt,
        finishedAt,
        at);
  }

  public RunState finished(RunStatus outcome, String outcomeMessage, Instant at) {
    if (!outcome.isTerminal()) {
      throw new IllegalArgumentException(outcome + " is not an outcome");
    }
    return new RunState(
        outcome,
        phase,
        stepIndex,
        Optional.empty(),
        contextJson,
        failure,
        undoFailure,
        Optional.of(outcomeMessage),
        startedAt,
        Optional.of(at),
        at);
  }
}
