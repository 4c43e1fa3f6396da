package dev.shipmate.engine.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The run is paused: the engine does not advance it until it is resumed (or cancelled).
 *
 * @param by the user id of who paused it; the engine's own name when a step asked a question or a
 *     freeze holds it
 * @param question what the step asked, when it paused the run itself to let a person decide
 * @param hold the freezes it waits for, when the in-flight rule paused it; it goes on by itself
 *     when they end
 */
public record PauseRequest(
    String by, Instant at, Optional<Question> question, Optional<FreezeHold> hold) {
  public PauseRequest {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(hold, "hold");
  }

  /** Someone paused the run. */
  public PauseRequest(String by, Instant at) {
    this(by, at, Optional.empty(), Optional.empty());
  }

  /** A step paused the run to ask a person. */
  public PauseRequest(String by, Instant at, Optional<Question> question) {
    this(by, at, question, Optional.empty());
  }

  /** The engine paused the run for the freezes of {@code hold}. */
  public static PauseRequest held(String by, Instant at, FreezeHold hold) {
    return new PauseRequest(by, at, Optional.empty(), Optional.of(hold));
  }
}
