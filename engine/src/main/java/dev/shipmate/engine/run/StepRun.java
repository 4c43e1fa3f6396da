package dev.shipmate.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of one run, in one phase: its attempts, its progress note and how it ended.
 *
 * @param index the step's position in its phase's list
 * @param attempts how many times {@code execute} was entered (checks and retries included)
 * @param failedAttempts transient failures in a row; a "still running" answer resets it
 * @param inFlight true from the moment {@code execute} is entered until its result is committed;
 *     still true when the engine next looks means the process died inside the step
 * @param nextCheckAt when the engine will look again, while the step is running
 * @param failure the last failure: why it failed, or the transient one it is retrying after
 */
public record StepRun(
    RunId runId,
    Phase phase,
    int index,
    String step,
    StepStatus status,
    int attempts,
    int failedAttempts,
    boolean inFlight,
    Optional<String> progress,
    Optional<Instant> nextCheckAt,
    Optional<Failure> failure,
    Instant startedAt,
    Instant updatedAt,
    Optional<Instant> finishedAt) {

  public StepRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(nextCheckAt, "nextCheckAt");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  public static StepRun started(RunId runId, Phase phase, int index, String step, Instant at) {
    return new StepRun(
        runId,
        phase,
        index,
        step,
        StepStatus.RUNNING,
        0,
        0,
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        at,
        at,
        Optional.empty());
  }

  /**
   * The run was paused for {@code paused} while this step was current: that time does not count
   * toward the step's timeout, which is measured from its start.
   */
  public StepRun heldFor(Duration paused) {
    return new StepRun(
        runId,
        phase,
        index,
        step,
        status,
        attempts,
        failedAttempts,
        inFlight,
        progress,
        nextCheckAt,
        failure,
        startedAt.plus(paused),
        updatedAt,
        finishedAt);
  }

  /** {@code execute} is about to be entered: count the attempt and remember we are inside it. */
  public StepRun entering(Instant at) {
    return new StepRun(
        runId,
        phase,
        index,
        step,
        status,
        attempts + 1,
        failedAttempts,
        true,
        progress,
        Optional.empty(),
        failure,
        startedAt,
        at,
        finishedAt);
  }

  /** The step is still at work; look again at {@code next}. */
  public StepRun checkingAgain(String note, Instant next, Instant at) {
    return new StepRun(
        runId,
        phase,
        index,
        step,
        StepStatus.RUNNING,
        attempts,
        0,
        false,
        Optional.of(note),
        Optional.of(next),
        Optional.empty(),
        startedAt,
        at,
        Optional.empty());
  }

  /** The step failed transiently; try again at {@code next}. */
  public StepRun retrying(Failure cause, Instant next, Instant at) {
    return new StepRun(
        runId,
        phase,
        index,
        step,
        StepStatus.RUNNING,
        attempts,
        failedAttempts + 1,
        false,
        progress,
        Optional.of(next),
        Optional.of(cause),
        startedAt,
        at,
        Optional.empty());
  }

  public StepRun ended(StepStatus outcome, Optional<Failure> cause, Instant at) {
    return ended(outcome, cause, progress, at);
  }

  public StepRun ended(
      StepStatus outcome, Optional<Failure> cause, Optional<String> note, Instant at) {
    return new StepRun(
        runId,
        phase,
        index,
        step,
        outcome,
        attempts,
        failedAttempts,
        false,
        note,
        Optional.empty(),
        cause,
        startedAt,
        at,
        Optional.of(at));
  }
}
