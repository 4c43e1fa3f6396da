package dev.shipmate.engine.run;

import java.util.Objects;
import java.util.Optional;

/**
 * A classified failure. {@link #message()} is safe to show a user: it never carries a stack trace,
 * a credential or a raw exception text; those stay in the log under a reference.
 */
public record Failure(FailureKind kind, String message, Optional<String> step) {
  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(step, "step");
  }

  public static Failure of(FailureKind kind, String message) {
    return new Failure(kind, message, Optional.empty());
  }

  public static Failure transientFailure(String message) {
    return of(FailureKind.TRANSIENT, message);
  }

  public static Failure permanent(String message) {
    return of(FailureKind.PERMANENT, message);
  }

  public static Failure user(String message) {
    return of(FailureKind.USER, message);
  }

  public Failure at(String stepName) {
    return new Failure(kind, message, Optional.of(stepName));
  }

  public Failure withMessage(String newMessage) {
    return new Failure(kind, newMessage, step);
  }
}
