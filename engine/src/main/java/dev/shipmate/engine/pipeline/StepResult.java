package dev.shipmate.engine.pipeline;

import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.Question;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one execution of a step answers. The outcome is data; the engine decides what follows. */
public sealed interface StepResult {

  /**
   * One method per kind of answer: whoever acts on a result implements them all, so a new kind of
   * answer does not compile until every such place handles it. (Java 17 has switch over sealed
   * types only as a preview.)
   */
  interface Cases<T> {
    T succeeded(Succeeded done);

    T running(Running running);

    T failed(Failed failed);

    T skipped(Skipped skipped);

    T asking(Asking asking);

    T held(Held held);
  }

  /** Calls the method of {@code cases} that handles this kind of answer. */
  <T> T match(Cases<T> cases);

  /**
   * Done. The output, if any, is stored under the step's name for later steps and undos; the note,
   * if any, is what a person should know of how it went (nodes it left alone).
   */
  record Succeeded(Optional<Record> output, Optional<String> note) implements StepResult {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.succeeded(this);
    }

    public Succeeded {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(note, "note");
    }

    public Succeeded(Optional<Record> output) {
      this(output, Optional.empty());
    }
  }

  /**
   * Still at work (a rollout going on, a bake period, a DNS change pending): check again after
   * {@code checkAfter}. The thread is released meanwhile.
   */
  record Running(Duration checkAfter, String progress) implements StepResult {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.running(this);
    }

    public Running {
      Objects.requireNonNull(checkAfter, "checkAfter");
      Objects.requireNonNull(progress, "progress");
      if (checkAfter.isNegative()) {
        throw new IllegalArgumentException("checkAfter must not be negative");
      }
    }
  }

  record Failed(Failure failure) implements StepResult {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.failed(this);
    }

    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** Nothing to do (the service already runs that version); counts as success. */
  record Skipped(String reason) implements StepResult {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.skipped(this);
    }

    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Stuck in a way only a person can settle (a drain blocked past its timeout): the run pauses with
   * the question, and a person's answer resumes it; the step then reads the answer from {@link
   * StepContext#decision()}. Only a {@link Pipeline#pausable() pausable} pipeline's forward steps
   * may ask; the engine fails any other step that does.
   */
  record Asking(Question question) implements StepResult {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.asking(this);
    }

    public Asking {
      Objects.requireNonNull(question, "question");
    }
  }

  /**
   * Stopped between two units of its work (an upgrade between two nodes) because a freeze holds the
   * run ({@link StepContext#freezeHold()}): the run pauses until the freeze ends, then the step is
   * checked again. {@code progress} says where it stopped. Only forward steps may answer it; the
   * engine fails any other step that does.
   */
  record Held(FreezeHold hold, String progress) implements StepResult {
    @Override
    public <T> T match(Cases<T> cases) {
      return cases.held(this);
    }

    public Held {
      Objects.requireNonNull(hold, "hold");
      Objects.requireNonNull(progress, "progress");
    }
  }

  /** Waits for the freeze of {@code hold} to end before starting more work; see {@link Held}. */
  static StepResult held(FreezeHold hold, String progress) {
    return new Held(hold, progress);
  }

  static StepResult ask(Question question) {
    return new Asking(question);
  }

  static StepResult done() {
    return new Succeeded(Optional.empty());
  }

  static StepResult done(Record output) {
    return new Succeeded(Optional.of(output));
  }

  /** Done, with something a person should know of how it went. */
  static StepResult done(Record output, String note) {
    return new Succeeded(Optional.of(output), Optional.of(note));
  }

  static StepResult running(Duration checkAfter, String progress) {
    return new Running(checkAfter, progress);
  }

  static StepResult failed(Failure failure) {
    return new Failed(failure);
  }

  static StepResult failed(FailureKind kind, String userMessage) {
    return new Failed(Failure.of(kind, userMessage));
  }

  static StepResult skipped(String reason) {
    return new Skipped(reason);
  }
}
