package dev.shipmate.engine.audit;

import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit ledger: who did what, when, to which target.
 *
 * @param actor a user id, or {@code shipmate} for what the engine decided by itself
 * @param detail a user-safe sentence
 */
public record AuditEntry(
    Instant at,
    String actor,
    AuditAction action,
    Optional<LockKey> target,
    Optional<RunId> runId,
    String detail) {

  /** The actor of what the engine decides by itself: an outcome, an expiry. */
  public static final String ENGINE = "shipmate";

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(detail, "detail");
  }

  public static AuditEntry ofRun(
      Instant at, String actor, AuditAction action, LockKey target, RunId runId, String detail) {
    return new AuditEntry(at, actor, action, Optional.of(target), Optional.of(runId), detail);
  }
}
