package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentWatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns changes in the cluster into early checks of the runs that wait on them: at most one watch
 * per Deployment (per cluster), open while at least one run watches it, and a wake-up for each of
 * those runs when it changes.
 *
 * <p>Wake-ups are coalesced: a run woken once is not woken again until it has looked (its step
 * called {@link #watch} again), however many events arrive meanwhile; a rollout of ten pods sends
 * dozens. Nothing here is durable: after a restart the re-entered steps register again. Watches are
 * only a shortcut; the steps also poll, so a watch that could not be opened, or that the API server
 * ended, costs time, not correctness.
 */
public final class RolloutWatches implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RolloutWatches.class);

  private final DeploymentGateways gateways;
  private final Consumer<RunId> waker;

  // Guarded by this.
  private final Map<Key, Entry> watches = new HashMap<>();
  private final Set<RunId> woken = new HashSet<>();
  private boolean closed;

  /**
   * @param waker how a run is checked at once; the bot passes {@code engine::wake} (through a
   *     reference set once the engine exists, since the engine needs the pipelines first)
   */
  public RolloutWatches(DeploymentGateways gateways, Consumer<RunId> waker) {
    this.gateways = Objects.requireNonNull(gateways, "gateways");
    this.waker = Objects.requireNonNull(waker, "waker");
  }

  /**
   * {@code run} wants to hear about {@code deployment}: opens the watch if no run watches it yet.
   * Calling it again is harmless and also says that the run has looked, so that the next change
   * wakes it again.
   */
  public void watch(Cluster cluster, DeploymentRef deployment, RunId run) {
    Key key = new Key(cluster.name(), deployment);
    Entry entry;
    synchronized (this) {
      woken.remove(run);
      if (closed) {
        return;
      }
      Entry existing = watches.get(key);
      if (existing != null) {
        existing.runs.add(run);
        return;
      }
      entry = new Entry();
      entry.runs.add(run);
      watches.put(key, entry);
    }
    // Opened outside the lock: the client's threads call back into this object.
    DeploymentWatch opened;
    try {
      opened = gateways.on(cluster).watch(deployment, () -> changed(key));
    } catch (RuntimeException e) {
      log.warn(
          "cannot watch Deployment {} on {}; its runs poll instead", deployment, cluster.name(), e);
      synchronized (this) {
        watches.remove(key, entry);
      }
      return;
    }
    synchronized (this) {
      if (!closed && watches.get(key) == entry) {
        entry.watch = opened;
        return;
      }
    }
    opened.close();
  }

  /** {@code run} no longer waits on anything: watches nobody else needs are closed. */
  public void unwatch(RunId run) {
    List<DeploymentWatch> toClose = new ArrayList<>();
    synchronized (this) {
      woken.remove(run);
      Iterator<Entry> entries = watches.values().iterator();
      while (entries.hasNext()) {
        Entry entry = entries.next();
        if (entry.runs.remove(run) && entry.runs.isEmpty()) {
          entries.remove();
          if (entry.watch != null) {
            toClose.add(entry.watch);
          }
        }
      }
    }
    closeAll(toClose);
  }

  /** How many watches are open or opening: for tests and metrics. */
  public synchronized int openWatches() {
    return watches.size();
  }

  /** The runs watching a Deployment. */
  public synchronized Set<RunId> watchers(Cluster cluster, DeploymentRef deployment) {
    Entry entry = watches.get(new Key(cluster.name(), deployment));
    return entry == null ? Set.of() : Set.copyOf(entry.runs);
  }

  @Override
  public void close() {
    List<DeploymentWatch> toClose = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (Entry entry : watches.values()) {
        if (entry.watch != null) {
          toClose.add(entry.watch);
        }
      }
      watches.clear();
      woken.clear();
    }
    closeAll(toClose);
  }

  private void changed(Key key) {
    List<RunId> toWake = new ArrayList<>();
    synchronized (this) {
      Entry entry = watches.get(key);
      if (entry == null) {
        return;
      }
      for (RunId run : entry.runs) {
        if (woken.add(run)) {
          toWake.add(run);
        }
      }
    }
    for (RunId run : toWake) {
      try {
        waker.accept(run);
      } catch (RuntimeException e) {
        // The run's own poll still comes; an engine that is stopping refuses wake-ups.
        log.warn("could not wake run {} after a change to {}", run, key.deployment(), e);
      }
    }
  }

  private static void closeAll(List<DeploymentWatch> watches) {
    for (DeploymentWatch watch : watches) {
      try {
        watch.close();
      } catch (RuntimeException e) {
        log.warn("closing a Deployment watch failed", e);
      }
    }
  }

  private record Key(String cluster, DeploymentRef deployment) {}

  private static final class Entry {
    final Set<RunId> runs = new LinkedHashSet<>();
    DeploymentWatch watch;
  }
}
