package dev.shipmate.engine.run;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone paused the run: the engine does not advance it until it is resumed (or cancelled).
 *
 * @param by the user id of who paused it
 */
public record PauseRequest(String by, Instant at) {
  public PauseRequest {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
