package dev.shipmate.pipelines.drift;

import java.time.Instant;
import java.util.Optional;

/**
 * What someone decided about a drift: {@code SNOOZED} until a time, with a reason, or {@code
 * IGNORED} for good. Neither changes git.
 */
public record Decision(
    Kind kind, Optional<Instant> until, String reason, String decidedBy, Instant decidedAt) {
  public enum Kind {
    SNOOZED,
    IGNORED
  }

  /** Whether it still hides the drift at {@code now}. */
  public boolean activeAt(Instant now) {
    return kind == Kind.IGNORED || until.map(now::isBefore).orElse(false);
  }
}
