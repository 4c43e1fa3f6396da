package dev.shipmate.engine.store;

import dev.shipmate.engine.run.RunId;

/**
 * A run changed between the moment it was read and the moment a transition was committed: another
 * writer got there first, and this transition was not applied.
 */
public final class ConcurrentTransitionException extends RuntimeException {
  public ConcurrentTransitionException(RunId runId, long expectedVersion) {
    super("run " + runId + " is no longer at version " + expectedVersion);
  }
}
