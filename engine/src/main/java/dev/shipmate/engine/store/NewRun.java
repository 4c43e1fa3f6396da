package dev.shipmate.engine.store;

import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.ReplyAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A run about to be created. The store gives it an id, takes {@code target}'s lock, and refuses it
 * if any of {@code refuseWhileHeld} is held by an active run.
 */
public record NewRun(
    String pipeline,
    String summary,
    String paramsJson,
    String requester,
    Optional<ReplyAddress> replyTo,
    LockKey target,
    Set<LockKey> refuseWhileHeld,
    int approvalsRequired,
    Optional<Instant> approvalDeadline) {

  public NewRun {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(paramsJson, "paramsJson");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(replyTo, "replyTo");
    Objects.requireNonNull(target, "target");
    refuseWhileHeld = Set.copyOf(refuseWhileHeld);
    Objects.requireNonNull(approvalDeadline, "approvalDeadline");
    if (approvalsRequired < 0) {
      throw new IllegalArgumentException("approvalsRequired must not be negative");
    }
    if (approvalsRequired > 0 && approvalDeadline.isEmpty()) {
      throw new IllegalArgumentException("a run that needs approval needs a deadline");
    }
  }
}
