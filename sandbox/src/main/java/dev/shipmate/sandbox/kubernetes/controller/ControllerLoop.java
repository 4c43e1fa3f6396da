package dev.shipmate.sandbox.kubernetes.controller;

import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers. {@link #tick()} is one pass; {@link #settle()} repeats passes until the
 * cluster stops changing; {@link #advance(Duration)} moves a {@link SimulationClock} forward,
 * stopping at every instant a controller asked to be woken, so that a rollout that needs several
 * readiness delays in a row plays out exactly as it would in real time.
 */
public final class ControllerLoop {

  private static final Logger log = LoggerFactory.getLogger(ControllerLoop.class);
  private static final int MAX_PASSES = 500;

  private final ObjectStore store;
  private final Clock clock;
  private final List<Controller> controllers;
  private Instant nextWakeup;

  public ControllerLoop(ObjectStore store, Clock clock, List<Controller> controllers) {
    this.store = store;
    this.clock = clock;
    this.controllers = List.copyOf(controllers);
  }

  /** One pass of every controller at the current time. */
  public synchronized void tick() {
    Instant now = clock.instant();
    Wakeups wakeups = new Wakeups(now);
    for (Controller controller : controllers) {
      try {
        controller.reconcile(now, wakeups);
      } catch (ApiException e) {
        // Someone changed what the controller was changing: the next pass sees the new state.
        log.debug("{} will retry: {}", controller.getClass().getSimpleName(), e.getMessage());
      }
    }
    nextWakeup = wakeups.earliest().orElse(null);
  }

  /**
   * Passes until a pass changes nothing.
   *
   * @throws IllegalStateException when the controllers keep changing the cluster (a bug)
   */
  public synchronized void settle() {
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      long before = store.resourceVersion();
      tick();
      if (store.resourceVersion() == before) {
        return;
      }
    }
    throw new IllegalStateException(
        "the simulated controllers did not settle after " + MAX_PASSES + " passes");
  }

  /**
   * Moves simulated time forward by {@code duration}, settling at every wake-up on the way.
   *
   * @throws IllegalStateException when the cluster runs on real time
   */
  public synchronized void advance(Duration duration) {
    if (!(clock instanceof SimulationClock simulation)) {
      throw new IllegalStateException(
          "advance() needs a SimulationClock; this cluster runs on real time");
    }
    Instant target = simulation.instant().plus(duration);
    settle();
    while (nextWakeup != null && !nextWakeup.isAfter(target)) {
      simulation.moveTo(nextWakeup);
      settle();
    }
    simulation.moveTo(target);
    settle();
  }

  /** When the controllers next have work that only time will bring, as of the last pass. */
  public synchronized Optional<Instant> nextWakeup() {
    return Optional.ofNullable(nextWakeup);
  }
}
