package dev.shipmate.engine.run;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's answer to a step's {@link Question}: kept with the run until the step has seen it on
 * its next check (and acted on it), then cleared.
 *
 * @param choice the {@link Question.Choice#id() id} of the chosen answer
 * @param by the user id of who chose
 */
public record Decision(String choice, String by, Instant at) {
  public Decision {
    Objects.requireNonNull(choice, "choice");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
