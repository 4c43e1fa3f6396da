package dev.shipmate.engine.freeze;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeScope;
import dev.shipmate.config.FreezeTarget;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A freeze set from chat ({@code /freeze prod 2h "release party"}), as stored. */
public record AdHocFreeze(
    FreezeTarget target, String reason, String setBy, Instant setAt, Instant until) {

  public AdHocFreeze {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(setBy, "setBy");
    Objects.requireNonNull(setAt, "setAt");
    Objects.requireNonNull(until, "until");
  }

  /** As a freeze in force: it blocks what a configured one blocks by default. */
  public ActiveFreeze active() {
    return new ActiveFreeze(
        target.name(),
        reason,
        FreezeScope.of(target),
        FreezeBlock.DEFAULT,
        setAt,
        until,
        Optional.of(setBy));
  }
}
