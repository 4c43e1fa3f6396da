package dev.shipmate.engine;

import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;

/** What {@link Engine#approve} did. Only {@link Recorded} changed anything. */
public sealed interface ApproveResult {
  String userMessage();

  /** Counted. When {@code approvals >= required} the run starts at once. */
  record Recorded(Run run, int approvals, int required) implements ApproveResult {
    public boolean complete() {
      return approvals >= required;
    }

    @Override
    public String userMessage() {
      return complete()
          ? run.id() + " approved (" + approvals + " of " + required + "); starting."
          : run.id() + " approved (" + approvals + " of " + required + "); waiting for more.";
    }
  }

  record AlreadyApproved(Run run, int approvals, int required) implements ApproveResult {
    @Override
    public String userMessage() {
      return "You already approved "
          + run.id()
          + "; an approval counts once ("
          + approvals
          + " of "
          + required
          + "). Another approver is needed.";
    }
  }

  record RequesterCannotApprove(Run run) implements ApproveResult {
    @Override
    public String userMessage() {
      return "You asked for " + run.id() + ", so you cannot approve it: ask another approver.";
    }
  }

  record Expired(Run run) implements ApproveResult {
    @Override
    public String userMessage() {
      return "The approval window of " + run.id() + " has closed; start the command again.";
    }
  }

  record NotAwaitingApproval(Run run) implements ApproveResult {
    @Override
    public String userMessage() {
      if (run.status() == RunStatus.QUEUED) {
        return run.id() + " is queued: its approvals are asked for when its turn comes.";
      }
      return run.id() + " is not waiting for approval (it is " + run.status().words() + ").";
    }
  }

  record NotFound(RunId runId) implements ApproveResult {
    @Override
    public String userMessage() {
      return "There is no run " + runId + ". /runs lists the active ones.";
    }
  }
}
