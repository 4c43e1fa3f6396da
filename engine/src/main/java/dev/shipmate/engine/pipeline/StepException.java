package dev.shipmate.engine.pipeline;

import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import java.util.Objects;

/**
 * Thrown by a step that knows exactly what went wrong. Its failure's message is shown to users as
 * it is, so it must be safe and say what to do; anything else a step throws is classified, and its
 * text stays in the log.
 */
public class StepException extends RuntimeException {
  private final Failure failure;

  public StepException(Failure failure) {
    this(failure, null);
  }

  public StepException(Failure failure, Throwable cause) {
    super(Objects.requireNonNull(failure, "failure").message(), cause);
    this.failure = failure;
  }

  public static StepException user(String message) {
    return new StepException(Failure.of(FailureKind.USER, message));
  }

  public static StepException permanent(String message) {
    return new StepException(Failure.of(FailureKind.PERMANENT, message));
  }

  public static StepException transientFailure(String message, Throwable cause) {
    return new StepException(Failure.of(FailureKind.TRANSIENT, message), cause);
  }

  public Failure failure() {
    return failure;
  }
}
