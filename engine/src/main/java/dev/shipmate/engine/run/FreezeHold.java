package dev.shipmate.engine.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Why a run that was already going waits: freezes came into force that stop its kind of change, and
 * the in-flight rule for that kind is to pause ({@code inFlight:}). The run goes on by itself at
 * {@code until} (or once the freezes are lifted), or when a person resumes it.
 *
 * @param freezes the names of the freezes that hold it ({@code weekend}, or {@code prod} for one
 *     set from chat), the one ending last first
 * @param reason the reason of the one ending last
 * @param until when the last of them ends, as they stood when the run was held
 */
public record FreezeHold(List<String> freezes, String reason, Instant until) {
  public FreezeHold {
    freezes = List.copyOf(freezes);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(until, "until");
    if (freezes.isEmpty()) {
      throw new IllegalArgumentException("a hold names at least one freeze");
    }
  }

  /** {@code the freeze weekend}, or {@code the freezes weekend, prod}. */
  public String names() {
    return (freezes.size() == 1 ? "the freeze " : "the freezes ") + String.join(", ", freezes);
  }
}
