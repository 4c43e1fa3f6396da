package dev.shipmate.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Something that happened to a run, reported to {@link RunListener}s after it was committed to the
 * journal. Each carries the run as it is after the event, so a presenter can redraw its card from
 * the event alone.
 */
public sealed interface RunEvent {
  /** How an instant reads in the journal and the thread: {@code 2026-12-14 07:00 UTC}. */
  DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  Run run();

  Instant at();

  /** The step the event is about, if any. */
  default Optional<String> step() {
    return Optional.empty();
  }

  /** A user-safe line for the journal and for a thread reply. */
  String describe();

  /** A stable name for the journal's {@code type} column. */
  default String type() {
    return getClass().getSimpleName();
  }

  /**
   * The run was accepted and holds its lock; it is PENDING or AWAITING_APPROVAL. Or it is QUEUED:
   * it holds no lock and waits for its turn.
   */
  record RunRequested(Run run, Instant at) implements RunEvent {
    @Override
    public String describe() {
      if (run.status() == RunStatus.QUEUED) {
        return run.id()
            + " queued by "
            + run.requester()
            + ": "
            + run.summary()
            + "; it starts when "
            + run.target()
            + " is free";
      }
      return run.approvalsRequired() > 0
          ? run.id()
              + " requested by "
              + run.requester()
              + ": "
              + run.summary()
              + "; needs "
              + run.approvalsRequired()
              + (run.approvalsRequired() == 1 ? " approval" : " approvals")
          : run.id() + " requested by " + run.requester() + ": " + run.summary();
    }
  }

  /**
   * A queued run's turn came: it holds its target's lock now and is PENDING, or AWAITING_APPROVAL
   * (its approval window opens now).
   */
  record Dequeued(Run run, Instant at) implements RunEvent {
    @Override
    public String describe() {
      return run.id()
          + " left the queue of "
          + run.target()
          + " after "
          + Durations.words(Duration.between(run.createdAt(), at))
          + (run.approvalsRequired() > 0 ? "; it waits for its approvals" : "; it starts now");
    }
  }

  /**
   * A run ahead of this queued one left the queue (its turn came, or it was cancelled): this one is
   * now {@code position} in line (1: next). Nothing about the run itself changed, so the event is
   * not journaled; it is heard so that the run's card shows its new place.
   */
  record QueueMoved(Run run, Instant at, int position) implements RunEvent {
    @Override
    public String describe() {
      return run.id() + " is now " + position + " in line for " + run.target();
    }
  }

  record ApprovalRecorded(Run run, Instant at, String approver, int approvals, int required)
      implements RunEvent {
    @Override
    public String describe() {
      return run.id() + " approved by " + approver + " (" + approvals + " of " + required + ")";
    }
  }

  record RunStarted(Run run, Instant at) implements RunEvent {
    @Override
    public String describe() {
      return run.id() + " started: " + run.summary();
    }
  }

  record StepStarted(Run run, Instant at, String name) implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return (run.isRollingBack() ? "undoing: " : "step ") + name + " started";
    }
  }

  /** A step is still at work and will be checked again at {@code nextCheck}. */
  record StepProgressed(Run run, Instant at, String name, String note, Instant nextCheck)
      implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return name + ": " + note;
    }
  }

  /** A step failed in a way worth retrying; it will be tried again at {@code nextAttempt}. */
  record StepRetrying(
      Run run, Instant at, String name, Failure failure, int attempt, Instant nextAttempt)
      implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return name
          + ": "
          + failure.message()
          + "; attempt "
          + attempt
          + " failed, retrying in "
          + Durations.words(Duration.between(at, nextAttempt));
    }
  }

  /** A step is done; {@code note} is what it said of how it went, if anything. */
  record StepSucceeded(Run run, Instant at, String name, Optional<String> note)
      implements RunEvent {
    public StepSucceeded(Run run, Instant at, String name) {
      this(run, at, name, Optional.empty());
    }

    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return name + " done" + note.map(n -> ": " + n).orElse("");
    }
  }

  record StepSkipped(Run run, Instant at, String name, String reason) implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return name + " skipped: " + reason;
    }
  }

  record StepFailed(Run run, Instant at, String name, Failure failure) implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return name + " failed: " + failure.message();
    }
  }

  record CancelRequested(Run run, Instant at, String by) implements RunEvent {
    @Override
    public String describe() {
      return run.id() + ": cancel requested by " + by;
    }
  }

  /** Someone paused the run; it stays where it is until resumed or cancelled. */
  record RunPaused(Run run, Instant at, String by) implements RunEvent {
    @Override
    public String describe() {
      return run.id() + " paused by " + by + run.currentStep().map(s -> " at " + s).orElse("");
    }
  }

  /**
   * A step cannot go on without a person: the run is paused with {@code question} until someone
   * picks one of its choices (or cancels).
   */
  record QuestionAsked(Run run, Instant at, String name, Question question) implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return run.id()
          + " paused at "
          + name
          + ": "
          + question.text()
          + " Choose "
          + question.choiceLabels()
          + " on its card, or cancel it.";
    }
  }

  /** Someone answered the step's question; the run goes on and its step acts on the answer. */
  record DecisionMade(Run run, Instant at, String by, Question.Choice choice) implements RunEvent {
    @Override
    public Optional<String> step() {
      return run.currentStep();
    }

    @Override
    public String describe() {
      return run.id() + ": " + by + " chose " + choice.label();
    }
  }

  /**
   * A freeze came into force that stops the run's kind of change, and the in-flight rule is to
   * pause: the run finished what it was doing and waits where it is ({@code name}, the step it is
   * at or is about to start) until the freeze ends, or someone resumes it.
   */
  record RunHeld(Run run, Instant at, String name, FreezeHold hold, String progress)
      implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return run.id()
          + " paused at "
          + name
          + " ("
          + progress
          + "): "
          + hold.names()
          + " is in force until "
          + TIME.format(hold.until())
          + ": "
          + hold.reason()
          + ". It goes on by itself then.";
    }
  }

  /**
   * The watchdog found the run's current step without progress since {@code since}, longer than
   * {@code limit}: said once per stall, in the run's thread. Changes nothing of the run.
   */
  record RunStuck(Run run, Instant at, String name, Instant since, Duration limit)
      implements RunEvent {
    @Override
    public Optional<String> step() {
      return Optional.of(name);
    }

    @Override
    public String describe() {
      return run.id()
          + " looks stuck: "
          + name
          + " has shown no progress for "
          + Durations.words(Duration.between(since, at))
          + " (the watchdog flags a step after "
          + Durations.words(limit)
          + ")";
    }
  }

  record RunResumed(Run run, Instant at, String by) implements RunEvent {
    @Override
    public String describe() {
      return run.id() + " resumed by " + by;
    }
  }

  /** The run failed or was cancelled and is now undoing what it changed. */
  record RollbackStarted(Run run, Instant at, Failure cause) implements RunEvent {
    @Override
    public String describe() {
      return run.id() + ": " + cause.message() + "; undoing its changes";
    }
  }

  /** The run is over; {@code run().status()} is terminal and {@code run().message()} says why. */
  record RunFinished(Run run, Instant at) implements RunEvent {
    @Override
    public String describe() {
      return run.message().orElse(run.id() + " " + run.status().words());
    }
  }
}
