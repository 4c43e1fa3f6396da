package dev.shipmate.bot.presenter;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reply in a run's thread, for something notable: a step that finished, a warning, why the run
 * failed, how it ended. Build one with the factories, which word it the same way every time.
 *
 * @param kind what the note is about
 * @param text the note in words
 * @param output long output that goes with it (a log, a diff), if any; a renderer sends it as a
 *     file when it is too long for a message
 * @param actions buttons that go with it (the answers to a question), acting on run {@code runId}
 * @param audience who it calls on (mentions), and whether the channel sees it too
 */
public record ThreadNote(
    Kind kind,
    String text,
    Optional<String> output,
    String runId,
    List<RunAction> actions,
    Audience audience) {

  /** What a thread note is about. */
  public enum Kind {
    STEP_FINISHED,
    WARNING,
    FAILURE_CAUSE,
    OUTCOME,
    /** The run paused to ask a person; the note carries the answers as buttons. */
    QUESTION,
    /** The run waits for approvals; the note calls on the approvers. */
    APPROVAL_REQUEST,
    /** A queued run's turn came: it left its target's queue. */
    QUEUE_TURN
  }

  public ThreadNote {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(audience, "audience");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a thread note needs text");
    }
    actions = List.copyOf(actions);
    if (!actions.isEmpty() && (runId == null || runId.isBlank())) {
      throw new IllegalArgumentException("buttons on a thread note need the run they act on");
    }
  }

  public ThreadNote(
      Kind kind, String text, Optional<String> output, String runId, List<RunAction> actions) {
    this(kind, text, output, runId, actions, Audience.THREAD);
  }

  public ThreadNote(Kind kind, String text, Optional<String> output) {
    this(kind, text, output, "", List.of());
  }

  /**
   * {@code d-4k2p waits for 1 approval: Deploy web v1.2 to prod, asked by the requester.}
   *
   * @param approvers who may approve it, called on by the note
   */
  public static ThreadNote approvalRequest(
      String runId, String title, int missing, Audience approvers) {
    String text =
        runId
            + " waits for "
            + missing
            + (missing == 1 ? " approval" : " approvals")
            + " from someone other than its requester: "
            + title
            + ". Approve it on the card.";
    return new ThreadNote(Kind.APPROVAL_REQUEST, text, Optional.empty(), runId, List.of())
        .to(approvers);
  }

  /**
   * The run paused to ask: {@code text} says what is stuck and what each answer does; the buttons
   * answer it (or stop the run).
   */
  public static ThreadNote question(String runId, String text, List<RunAction> actions) {
    return new ThreadNote(Kind.QUESTION, text, Optional.empty(), runId, actions);
  }

  /** {@code Roll out web: done — 10/10 updated}. */
  public static ThreadNote stepFinished(String step, StepStatus status, String detail) {
    String text = step + ": " + status.words() + (detail.isBlank() ? "" : " — " + detail);
    return new ThreadNote(Kind.STEP_FINISHED, text, Optional.empty());
  }

  /**
   * {@code d-6k2p's turn came: it left the queue of deploy:staging/web after 3m; it starts now.}
   */
  public static ThreadNote queueTurn(String text) {
    return new ThreadNote(Kind.QUEUE_TURN, text, Optional.empty());
  }

  public static ThreadNote warning(String text) {
    return new ThreadNote(Kind.WARNING, text, Optional.empty());
  }

  /**
   * Why a run failed, where, and what Shipmate did about it: {@code d-4k2p failed at step Roll out
   * web: 3 pods in CrashLoopBackOff. Shipmate rolled web back to v1.1.}
   *
   * @param whatFailed what went wrong, as a sentence without its final period
   * @param whatShipmateDid what was done about it, as a sentence
   */
  public static ThreadNote failureCause(
      String runId, String step, String whatFailed, String whatShipmateDid) {
    String text =
        runId + " failed at step " + step + ": " + whatFailed + ". " + whatShipmateDid.strip();
    return new ThreadNote(Kind.FAILURE_CAUSE, text, Optional.empty());
  }

  /** How a run ended: {@code Deploy web v1.2 → prod succeeded in 3m12s}. */
  public static ThreadNote outcome(String title, RunState state, Duration took) {
    if (!state.terminal()) {
      throw new IllegalArgumentException(
          "an outcome names how a run ended, and '" + state.words() + "' is not an end");
    }
    return new ThreadNote(
        Kind.OUTCOME,
        title + " " + state.words() + " in " + DurationWords.of(took),
        Optional.empty());
  }

  /** The same note with long output attached (a log, a diff). */
  public ThreadNote withOutput(String output) {
    return new ThreadNote(kind, text, Optional.of(output), runId, actions, audience);
  }

  /** The same note, calling on {@code who}. */
  public ThreadNote to(Audience who) {
    return new ThreadNote(kind, text, output, runId, actions, who);
  }

  /** Whether losing this note would leave the thread without its ending, or someone uncalled. */
  public boolean mustArrive() {
    return kind == Kind.OUTCOME
        || kind == Kind.FAILURE_CAUSE
        || kind == Kind.QUESTION
        || kind == Kind.APPROVAL_REQUEST
        // A warning that calls someone (a stuck run, a run a freeze holds) is theirs to act on.
        || (kind == Kind.WARNING && audience.mentionsAnyone());
  }
}
