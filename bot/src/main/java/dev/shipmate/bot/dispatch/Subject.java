package dev.shipmate.bot.dispatch;

import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command or click was about, for its line in the audit ledger: the target it touched and
 * the run, when there was one.
 */
public record Subject(Optional<LockKey> target, Optional<RunId> run) {
  public static final Subject NONE = new Subject(Optional.empty(), Optional.empty());

  public Subject {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(run, "run");
  }

  public static Subject of(LockKey target) {
    return new Subject(Optional.of(target), Optional.empty());
  }

  public static Subject of(LockKey target, RunId run) {
    return new Subject(Optional.of(target), Optional.of(run));
  }
}
