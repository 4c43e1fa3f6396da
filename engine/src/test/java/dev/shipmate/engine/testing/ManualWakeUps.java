package dev.shipmate.engine.testing;

import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.wakeup.WakeUps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Wake-ups that fire only when their owner says so, on the owner's thread, in time order: with a
 * {@link ManualClock}, every scenario of the engine runs deterministically and instantly. Keeps
 * nothing across a restart; production uses {@code QuartzWakeUps}.
 */
public final class ManualWakeUps implements WakeUps {
  /** Guards against a run that asks to be woken "now" forever. */
  private static final int MAX_FIRINGS = 10_000;

  private final ManualClock clock;
  private final Map<RunId, Instant> pending = new HashMap<>();
  private Consumer<RunId> advance;

  public ManualWakeUps(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void start(Consumer<RunId> target) {
    this.advance = target;
  }

  @Override
  public synchronized void wakeAt(RunId run, Instant at) {
    pending.merge(run, at, (old, requested) -> old.isBefore(requested) ? old : requested);
  }

  @Override
  public synchronized boolean isFiring() {
    return advance != null;
  }

  @Override
  public synchronized void stop() {
    advance = null;
  }

  /** When {@code run} will next be advanced, if it will. */
  public synchronized Optional<Instant> next(RunId run) {
    return Optional.ofNullable(pending.get(run));
  }

  /**
   * Fires every wake-up that is due now, including those that firing makes due; returns how many.
   */
  public int fireDue() {
    int fired = 0;
    while (true) {
      RunId due;
      Consumer<RunId> target;
      synchronized (this) {
        if (advance == null) {
          return fired;
        }
        due =
            earliest()
                .filter(e -> !e.getValue().isAfter(clock.instant()))
                .map(Map.Entry::getKey)
                .orElse(null);
        if (due == null) {
          return fired;
        }
        pending.remove(due);
        target = advance;
      }
      if (++fired > MAX_FIRINGS) {
        throw new IllegalStateException(
            "more than " + MAX_FIRINGS + " wake-ups fired at one instant");
      }
      target.accept(due);
    }
  }

  /**
   * Moves the clock forward by {@code duration}, stopping at each pending wake-up on the way to
   * fire it, as real time would.
   */
  public void advance(Duration duration) {
    Instant end = clock.instant().plus(duration);
    synchronized (this) {
      if (advance == null) {
        clock.set(end);
        return;
      }
    }
    fireDue();
    while (true) {
      Optional<Instant> next;
      synchronized (this) {
        next = earliest().map(Map.Entry::getValue).filter(at -> !at.isAfter(end));
      }
      if (next.isEmpty()) {
        break;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
      fireDue();
    }
    clock.set(end);
    fireDue();
  }

  private Optional<Map.Entry<RunId, Instant>> earliest() {
    return pending.entrySet().stream().min(Map.Entry.comparingByValue());
  }
}
