package dev.shipmate.sandbox.kubernetes.controller;

import java.time.Instant;
import java.util.Optional;

/**
 * Collects when controllers next have something to do with no other change: a pod becoming Ready, a
 * crash-loop back-off ending, a progress deadline passing. The loop jumps the clock to the earliest
 * of them.
 */
public final class Wakeups {

  private final Instant now;
  private Instant earliest;

  Wakeups(Instant now) {
    this.now = now;
  }

  /** Asks to run again at that instant; instants not after now are ignored. */
  public void at(Instant when) {
    if (when.isAfter(now) && (earliest == null || when.isBefore(earliest))) {
      earliest = when;
    }
  }

  Optional<Instant> earliest() {
    return Optional.ofNullable(earliest);
  }
}
