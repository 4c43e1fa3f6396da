package dev.shipmate.engine.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Latencies in microseconds, and their percentiles. */
final class LatencySamples {
  private final List<Long> micros = new ArrayList<>();

  synchronized void add(Duration latency) {
    micros.add(Math.max(0, latency.toNanos() / 1000));
  }

  synchronized void clear() {
    micros.clear();
  }

  synchronized int size() {
    return micros.size();
  }

  /** The {@code p}-th percentile (0–100) in milliseconds, nearest rank. */
  synchronized double percentileMillis(double p) {
    if (micros.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(micros);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1000.0;
  }
}
