package dev.shipmate.pipelines.upgrade;

import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.wakeup.WakeUps;
import dev.shipmate.sandbox.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Wake-ups on the simulated world's clock, fired on the test's thread: moving time moves the world
 * (its controllers, instances joining, EKS updates) and the runs' checks together, in time order,
 * as real time would.
 */
public final class WorldWakeUps implements WakeUps {
  private static final int MAX_FIRINGS = 10_000;

  private final SimulatedWorld world;
  private final Map<RunId, Instant> pending = new HashMap<>();
  private Consumer<RunId> advance;
  private long checks;
  private long checkingNanos;

  public WorldWakeUps(SimulatedWorld world) {
    this.world = world;
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

  /** Moves the world and the runs forward by {@code duration}. */
  public void advance(Duration duration) {
    Instant end = now().plus(duration);
    fireDue();
    while (true) {
      Optional<Instant> next;
      synchronized (this) {
        next = earliest().map(Map.Entry::getValue).filter(at -> !at.isAfter(end));
      }
      if (next.isEmpty()) {
        break;
      }
      if (next.get().isAfter(now())) {
        world.advance(Duration.between(now(), next.get()));
      }
      fireDue();
    }
    if (end.isAfter(now())) {
      world.advance(Duration.between(now(), end));
    }
    fireDue();
  }

  private Instant now() {
    return world.clock().instant();
  }

  private void fireDue() {
    int fired = 0;
    while (true) {
      RunId due;
      Consumer<RunId> target;
      synchronized (this) {
        if (advance == null) {
          return;
        }
        due =
            earliest()
                .filter(e -> !e.getValue().isAfter(now()))
                .map(Map.Entry::getKey)
                .orElse(null);
        if (due == null) {
          return;
        }
        pending.remove(due);
        target = advance;
      }
      if (++fired > MAX_FIRINGS) {
        throw new IllegalStateException("more than " + MAX_FIRINGS + " wake-ups at one instant");
      }
      // The world settles between checks, as its controllers would have in the meantime.
      world.settle();
      long started = System.nanoTime();
      target.accept(due);
      synchronized (this) {
        checks++;
        checkingNanos += System.nanoTime() - started;
      }
    }
  }

  /** How many checks ran (runs advanced), for the benchmark. */
  synchronized long checks() {
    return checks;
  }

  /** Wall time spent advancing runs (Shipmate's steps and their API calls), not the world. */
  synchronized Duration checking() {
    return Duration.ofNanos(checkingNanos);
  }

  private Optional<Map.Entry<RunId, Instant>> earliest() {
    return pending.entrySet().stream().min(Map.Entry.comparingByValue());
  }
}
