package dev.shipmate.engine.run;

import dev.shipmate.engine.json.Json;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a pipeline, as the journal holds it.
 *
 * @param pipeline the pipeline's stable type name, e.g. {@code deploy}
 * @param summary what the run does, in a line: {@code deploy web v1.2 to prod}
 * @param paramsJson the typed parameters as JSON; read them back with {@link #params(Class)}
 * @param requester who asked for it (a user id; the engine does not interpret it)
 * @param target the lock the run holds while it is active
 * @param approvalsRequired how many distinct people other than the requester must approve
 * @param approvalDeadline when an unapproved run is cancelled, if it needs approval
 * @param version bumped by every committed transition; guards against two writers
 * @param pause who paused the run, while it is paused
 * @param decision a person's answer to the question its current step asked, until the step has seen
 *     it
 */
public record Run(
    RunId id,
    String pipeline,
    String summary,
    String paramsJson,
    String requester,
    Optional<ReplyAddress> replyTo,
    LockKey target,
    int approvalsRequired,
    Optional<Instant> approvalDeadline,
    Instant createdAt,
    Optional<CancelRequest> cancelRequest,
    RunState state,
    long version,
    Optional<PauseRequest> pause,
    Optional<Decision> decision) {

  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(paramsJson, "paramsJson");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(replyTo, "replyTo");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(approvalDeadline, "approvalDeadline");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(cancelRequest, "cancelRequest");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(pause, "pause");
    Objects.requireNonNull(decision, "decision");
  }

  /** A run nobody has paused, with no answer waiting for its step. */
  public Run(
      RunId id,
      String pipeline,
      String summary,
      String paramsJson,
      String requester,
      Optional<ReplyAddress> replyTo,
      LockKey target,
      int approvalsRequired,
      Optional<Instant> approvalDeadline,
      Instant createdAt,
      Optional<CancelRequest> cancelRequest,
      RunState state,
      long version) {
    this(
        id,
        pipeline,
        summary,
        paramsJson,
        requester,
        replyTo,
        target,
        approvalsRequired,
        approvalDeadline,
        createdAt,
        cancelRequest,
        state,
        version,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Paused and not being cancelled: the engine leaves it where it is until it is resumed. A cancel
   * wins over a pause.
   */
  public boolean isPaused() {
    return pause.isPresent() && cancelRequest.isEmpty() && isActive();
  }

  /** What its current step asked, while the run is paused waiting for a person's answer. */
  public Optional<Question> question() {
    return isPaused() ? pause.get().question() : Optional.empty();
  }

  public RunStatus status() {
    return state.status();
  }

  public Phase phase() {
    return state.phase();
  }

  public Optional<String> currentStep() {
    return state.currentStep();
  }

  /** The user-safe outcome once the run is over: names the run, the step and the cause. */
  public Optional<String> message() {
    return state.message();
  }

  public Optional<Failure> failure() {
    return state.failure();
  }

  public boolean isActive() {
    return !state.status().isTerminal();
  }

  /** True while a RUNNING run is undoing its changes after a failure or a cancel. */
  public boolean isRollingBack() {
    return state.status() == RunStatus.RUNNING && state.phase() != Phase.FORWARD;
  }

  public <P> P params(Class<P> type) {
    return Json.read(paramsJson, type);
  }

  /** The output a completed step stored, read as {@code type}. */
  public <O> Optional<O> output(String step, Class<O> type) {
    return Json.field(state.contextJson(), step, type);
  }

  /** The same run, paused by someone or no longer paused; only the engine's store decides which. */
  public Run withPause(Optional<PauseRequest> next) {
    return new Run(
        id,
        pipeline,
        summary,
        paramsJson,
        requester,
        replyTo,
        target,
        approvalsRequired,
        approvalDeadline,
        createdAt,
        cancelRequest,
        state,
        version,
        next,
        decision);
  }

  /** The same run with an answer for its step, or with none once the step has seen it. */
  public Run withDecision(Optional<Decision> next) {
    return new Run(
        id,
        pipeline,
        summary,
        paramsJson,
        requester,
        replyTo,
        target,
        approvalsRequired,
        approvalDeadline,
        createdAt,
        cancelRequest,
        state,
        version,
        pause,
        next);
  }

  /** The same run with its approval window, which a queued run opens when its turn comes. */
  public Run withApprovalDeadline(Optional<Instant> deadline) {
    return new Run(
        id,
        pipeline,
        summary,
        paramsJson,
        requester,
        replyTo,
        target,
        approvalsRequired,
        deadline,
        createdAt,
        cancelRequest,
        state,
        version,
        pause,
        decision);
  }

  public Run withState(RunState next) {
    return new Run(
        id,
        pipeline,
        summary,
        paramsJson,
        requester,
        replyTo,
        target,
        approvalsRequired,
        approvalDeadline,
        createdAt,
        cancelRequest,
        next,
        version + 1,
        pause,
        decision);
  }
}
