package dev.shipmate.sandbox.kubernetes.controller;

import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers by themselves, on one background thread: after every change to the cluster
 * and, on real time, every {@code interval} so that delays elapse. Tests on a {@link
 * dev.shipmate.sandbox.SimulationClock} may use it to react to changes while still moving time by
 * hand.
 */
public final class Autopilot implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Autopilot.class);

  private final ControllerLoop loop;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param interval how often to settle when nothing changes; null to settle only on changes
   */
  public Autopilot(ControllerLoop loop, ObjectStore store, Duration interval) {
    this.loop = loop;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox-controllers");
              thread.setDaemon(true);
              return thread;
            });
    store.onChange(this::requestSettle);
    if (interval != null) {
      executor.scheduleWithFixedDelay(
          this::settle, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    requestSettle();
  }

  private void requestSettle() {
    if (!closed && pending.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            pending.set(false);
            settle();
          });
    }
  }

  private void settle() {
    if (closed) {
      return;
    }
    try {
      loop.settle();
    } catch (RuntimeException e) {
      log.warn("the simulated controllers failed; they will try again", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
