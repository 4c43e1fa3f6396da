package dev.shipmate.pipelines.drift;

import java.time.Instant;
import java.util.Optional;

/**
 * A finding with its history: when it was first seen (this report's time when it is new), and the
 * decision that hides it, if any.
 */
public record AgedFinding(
    Finding finding, Instant firstSeen, boolean isNew, Optional<Decision> decision) {

  /** Whether the report lists it as drift to act on (not snoozed, not ignored). */
  public boolean open(Instant now) {
    return decision.map(d -> !d.activeAt(now)).orElse(true);
  }
}
