package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.kubernetes.DeploymentWatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the run that waits for a preview to be ready as soon as one of its Deployments changes: one
 * watch per waiting run's namespace, closed when the run stops waiting. Nothing here is durable: a
 * re-entered step registers again after a restart, and the step also polls, so a watch that could
 * not be opened costs time, not correctness.
 */
public final class PreviewWatches implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PreviewWatches.class);

  private final PreviewGateway gateway;
  private final Consumer<RunId> waker;

  // Guarded by this.
  private final Map<RunId, DeploymentWatch> watches = new HashMap<>();
  private boolean closed;

  /**
   * @param waker how a run is checked at once; the bot passes the engine's {@code wake}
   */
  public PreviewWatches(PreviewGateway gateway, Consumer<RunId> waker) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.waker = Objects.requireNonNull(waker, "waker");
  }

  /** {@code run} waits on the Deployments of {@code namespace}; opening it twice is harmless. */
  public void watch(String namespace, RunId run) {
    synchronized (this) {
      if (closed || watches.containsKey(run)) {
        return;
      }
    }
    DeploymentWatch opened;
    try {
      opened = gateway.watch(namespace, () -> wake(run));
    } catch (RuntimeException e) {
      log.warn("cannot watch the Deployments of {}; run {} polls instead", namespace, run, e);
      return;
    }
    synchronized (this) {
      if (!closed && !watches.containsKey(run)) {
        watches.put(run, opened);
        return;
      }
    }
    close(opened);
  }

  /** {@code run} no longer waits. */
  public void unwatch(RunId run) {
    DeploymentWatch watch;
    synchronized (this) {
      watch = watches.remove(run);
    }
    if (watch != null) {
      close(watch);
    }
  }

  /** How many watches are open: for tests. */
  public synchronized int open() {
    return watches.size();
  }

  @Override
  public void close() {
    List<DeploymentWatch> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(watches.values());
      watches.clear();
    }
    all.forEach(PreviewWatches::close);
  }

  private void wake(RunId run) {
    try {
      waker.accept(run);
    } catch (RuntimeException e) {
      // The run's own poll still comes; an engine that is stopping refuses wake-ups.
      log.warn("could not wake run {} after a change in its preview", run, e);
    }
  }

  private static void close(DeploymentWatch watch) {
    try {
      watch.close();
    } catch (RuntimeException e) {
      log.warn("closing a preview watch failed", e);
    }
  }
}
