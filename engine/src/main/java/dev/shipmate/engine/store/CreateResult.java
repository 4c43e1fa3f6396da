package dev.shipmate.engine.store;

import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.Run;

/** What {@link RunStore#create} did. */
public sealed interface CreateResult {
  /** The run exists, holds its lock, and its creation is in the journal and the ledger. */
  record Created(Run run) implements CreateResult {}

  /**
   * The run exists in QUEUED, at the end of its target's queue, holding no lock: the target was
   * held (by {@code holder}) or frozen when it was asked for.
   */
  record Queued(Run run) implements CreateResult {}

  /** Nothing was created: {@code holder} holds the target, or a key the run must not run beside. */
  record Refused(LockHolder holder) implements CreateResult {}
}
