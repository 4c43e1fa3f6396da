package dev.shipmate.engine;

import dev.shipmate.config.InFlightRule;
import dev.shipmate.config.InFlightRules;
import dev.shipmate.engine.advance.FreezeHolds;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.store.RunStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-flight rule ({@code inFlight:}): whether freezes in force hold a run that is already
 * going. A run is held when a freeze stops what it changes, the rule for its kind is to pause, and
 * the freeze began after the last time someone let the run through: a break-glass start passes the
 * freezes in force when it was asked for; a Resume during a hold passes those in force then. A
 * freeze that begins later (next weekend's window, a new {@code /freeze}) holds it again.
 */
final class InFlightHolds implements FreezeHolds {
  private final Freezes freezes;
  private final InFlightRules rules;
  private final RunStore store;

  InFlightHolds(Freezes freezes, InFlightRules rules, RunStore store) {
    this.freezes = Objects.requireNonNull(freezes, "freezes");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Optional<FreezeHold> holdFor(Run run, Optional<Change> change) {
    if (change.isEmpty() || rules.of(change.get().kind()) != InFlightRule.PAUSE) {
      return Optional.empty();
    }
    List<ActiveFreeze> blocking = freezes.blocking(change.get());
    if (blocking.isEmpty()) {
      return Optional.empty();
    }
    // Read the ledger only when a freeze is in force: that is rare, and the passes live there.
    Optional<Instant> passed =
        store.auditOf(run.id()).stream()
            .filter(
                e ->
                    e.action() == AuditAction.BREAK_GLASS
                        || e.action() == AuditAction.RESUMED_THROUGH_FREEZE)
            .map(AuditEntry::at)
            .max(Instant::compareTo);
    List<ActiveFreeze> holding =
        blocking.stream().filter(f -> passed.map(at -> f.from().isAfter(at)).orElse(true)).toList();
    if (holding.isEmpty()) {
      return Optional.empty();
    }
    ActiveFreeze last = holding.get(0);
    return Optional.of(
        new FreezeHold(
            holding.stream().map(ActiveFreeze::name).distinct().toList(),
            last.reason(),
            last.until()));
  }
}
