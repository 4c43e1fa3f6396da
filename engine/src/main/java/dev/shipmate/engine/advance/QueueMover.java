package dev.shipmate.engine.advance;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunState;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.store.Transition;
import dev.shipmate.engine.wakeup.WakeUps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves a target's queue: when a queued run is woken, the first run of its target's queue that may
 * start (no freeze stops it) takes the target's lock and leaves the queue, in the order they were
 * asked for. A frozen run does not hold back those behind it that the freeze does not stop (a
 * rollback behind a frozen deploy). Works on the wake-ups' threads, like the advancer: a queued run
 * is woken when a run ends (any lock may have been freed), when a freeze is lifted, at the end of
 * the freeze that stops it, and every {@link #RECHECK} in case a wake-up was lost to a crash.
 */
public final class QueueMover {
  /** How often a queued run looks again by itself: only a lost wake-up makes this matter. */
  static final Duration RECHECK = Duration.ofMinutes(5);

  /** What came of a queued run's wake-up. */
  sealed interface Turn {}

  /** The run left the queue: it is PENDING or AWAITING_APPROVAL now. */
  record Started() implements Turn {}

  /** The run waits; it looks again at {@code until} unless woken before. */
  record Waits(Instant until) implements Turn {}

  private final RunStore store;
  private final WakeUps wakeUps;
  private final Clock clock;
  private final RunListeners listeners;
  private final QueueRules rules;
  private final Duration approvalTimeout;

  public QueueMover(
      RunStore store,
      WakeUps wakeUps,
      Clock clock,
      RunListeners listeners,
      QueueRules rules,
      Duration approvalTimeout) {
    this.store = store;
    this.wakeUps = wakeUps;
    this.clock = clock;
    this.listeners = listeners;
    this.rules = rules;
    this.approvalTimeout = approvalTimeout;
  }

  /** {@code woken}'s turn, if it has come: moves its target's queue as far as it can go. */
  Turn move(Run woken) {
    Instant now = clock.instant();
    Instant recheck = now.plus(RECHECK);
    Instant wokenWaits = recheck;
    List<Run> queue = store.queued(woken.target());
    if (queue.stream().noneMatch(q -> q.id().equals(woken.id()))
        && store.find(woken.id()).map(r -> r.status() != RunStatus.QUEUED).orElse(false)) {
      // Another thread promoted it since it was read: it goes on (the run is read again), rather
      // than waiting for a recheck that would replace the wake-up its promotion set.
      return new Started();
    }
    for (Run queued : queue) {
      if (queued.cancelRequest().isPresent()) {
        continue; // its own wake-up takes it out of the queue
      }
      List<ActiveFreeze> frozen = rules.frozen(queued);
      if (!frozen.isEmpty()) {
        if (queued.id().equals(woken.id())) {
          Instant thaw = frozen.get(0).until();
          wokenWaits = thaw.isBefore(recheck) ? thaw : recheck;
        }
        continue;
      }
      Optional<LockHolder> holder = promote(queued, now);
      if (holder.isPresent()) {
        break; // the target (or a key it must not run beside) is busy: everyone waits
      }
      moved(queued.target(), now);
      if (queued.id().equals(woken.id())) {
        return new Started();
      }
      wakeUps.wakeAt(queued.id(), now);
      break;
    }
    return new Waits(wokenWaits);
  }

  /** Wakes the first run of every queue: a run ended, so a target may have been freed. */
  public void wakeQueues() {
    Instant now = clock.instant();
    List<LockKey> seen = new ArrayList<>();
    for (Run queued : store.queued()) {
      if (!seen.contains(queued.target())) {
        seen.add(queued.target());
        wakeUps.wakeAt(queued.id(), now);
      }
    }
  }

  /** Tells the runs still queued on {@code key} their new places, for their cards. */
  void moved(LockKey key, Instant now) {
    List<Run> queue = store.queued(key);
    List<RunEvent> events = new ArrayList<>();
    for (int i = 0; i < queue.size(); i++) {
      events.add(new RunEvent.QueueMoved(queue.get(i), now, i + 1));
    }
    listeners.publish(events);
  }

  /** The ledger line of a queued run taken out of the queue before its turn. */
  static AuditEntry removed(Run run, String by, Instant now) {
    return AuditEntry.ofRun(
        now,
        by,
        AuditAction.QUEUE_REMOVED,
        run.target(),
        run.id(),
        run.id() + " removed from the queue of " + run.target() + " by " + by);
  }

  private Optional<LockHolder> promote(Run queued, Instant now) {
    boolean approvals = queued.approvalsRequired() > 0;
    RunStatus next = approvals ? RunStatus.AWAITING_APPROVAL : RunStatus.PENDING;
    Optional<Instant> deadline =
        approvals ? Optional.of(now.plus(approvalTimeout)) : Optional.empty();
    Run after = queued.withState(RunState.initial(next, now)).withApprovalDeadline(deadline);
    RunEvent event = new RunEvent.Dequeued(after, now);
    AuditEntry line =
        AuditEntry.ofRun(
            now,
            AuditEntry.ENGINE,
            AuditAction.QUEUE_STARTED,
            queued.target(),
            queued.id(),
            event.describe());
    Optional<LockHolder> holder =
        store.promote(
            new Transition(queued, after, List.of(), List.of(event), List.of(line)),
            rules.refuseWhileHeld(queued),
            deadline);
    if (holder.isEmpty()) {
      listeners.publish(List.of(event));
    }
    return holder;
  }
}
