package dev.shipmate.engine.store;

import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.StepRun;
import java.util.List;
import java.util.Objects;

/**
 * One step of a run's life, committed as a whole or not at all: the run's new state, the step runs
 * it touched, the events it journals and what it adds to the audit ledger. A transition to a
 * terminal status also releases the run's locks.
 *
 * @param before the run as the writer read it; the commit fails if it has changed since
 * @param after {@code before.withState(..)}: the same run, one version later
 */
public record Transition(
    Run before, Run after, List<StepRun> stepRuns, List<RunEvent> events, List<AuditEntry> audit) {

  public Transition {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    stepRuns = List.copyOf(stepRuns);
    events = List.copyOf(events);
    audit = List.copyOf(audit);
    if (!before.id().equals(after.id()) || after.version() != before.version() + 1) {
      throw new IllegalArgumentException("after must be before.withState(..)");
    }
  }
}
