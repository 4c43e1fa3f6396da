package dev.shipmate.engine;

import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;

/** What {@link Engine#cancel} did. Only {@link Requested} changed anything. */
public sealed interface CancelResult {
  String userMessage();

  /**
   * The cancel is recorded; the run stops its current step, undoes what it changed, and ends
   * CANCELLED. If it was already rolling back after a failure, the rollback simply goes on.
   */
  record Requested(Run run) implements CancelResult {
    @Override
    public String userMessage() {
      if (run.status() == RunStatus.QUEUED) {
        return "Taking " + run.id() + " out of the queue of " + run.target() + ".";
      }
      return run.isRollingBack()
          ? run.id() + " is already rolling back; it will finish that first."
          : "Cancelling " + run.id() + "; anything it changed will be undone.";
    }
  }

  record AlreadyRequested(Run run) implements CancelResult {
    @Override
    public String userMessage() {
      return run.id()
          + " is already being cancelled (asked by "
          + run.cancelRequest().map(c -> c.by()).orElse("someone")
          + ").";
    }
  }

  record AlreadyFinished(Run run) implements CancelResult {
    @Override
    public String userMessage() {
      return run.id() + " has already " + run.status().words() + "; there is nothing to cancel.";
    }
  }

  record NotFound(RunId runId) implements CancelResult {
    @Override
    public String userMessage() {
      return "There is no run " + runId + ". /runs lists the active ones.";
    }
  }
}
