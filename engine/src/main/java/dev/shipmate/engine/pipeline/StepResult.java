package dev.shipmate.engine.pipeline;

import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one execution of a step answers. The outcome is data; the engine decides what follows. */
public sealed interface StepResult {

  /** Done. The output, if any, is stored under the step's name for later steps and undos. */
  record Succeeded(Optional<Record> output) implements StepResult {
    public Succeeded {
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * Still at work (a rollout going on, a bake period, a DNS change pending): check again after
   * {@code checkAfter}. The thread is released meanwhile.
   */
  record Running(Duration checkAfter, String progress) implements StepResult {
    public Running {
      Objects.requireNonNull(checkAfter, "checkAfter");
      Objects.requireNonNull(progress, "progress");
      if (checkAfter.isNegative()) {
        throw new IllegalArgumentException("checkAfter must not be negative");
      }
    }
  }

  record Failed(Failure failure) implements StepResult {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** Nothing to do (the service already runs that version); counts as success. */
  record Skipped(String reason) implements StepResult {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static StepResult done() {
    return new Succeeded(Optional.empty());
  }

  static StepResult done(Record output) {
    return new Succeeded(Optional.of(output));
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
