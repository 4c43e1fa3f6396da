package dev.shipmate.engine.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The run is paused: the engine does not advance it until it is resumed (or cancelled).
 *
 * @param by the user id of who paused it; the engine's own name when a step asked a question
 * @param question what the step asked, when it paused the run itself to let a person decide
 */
public record PauseRequest(String by, Instant at, Optional<Question> question) {
  public PauseRequest {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(question, "question");
  }

  /** Someone paused the run. */
  public PauseRequest(String by, Instant at) {
    this(by, at, Optional.empty());
  }
}
