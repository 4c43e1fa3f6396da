package dev.shipmate.bot.bench.sidebyside;

import java.util.Arrays;

/** Latencies or durations in nanoseconds, with their median and 99th percentile. */
final class Samples {

  private long[] nanos = new long[64];
  private int size;

  synchronized void add(long value) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = value;
  }

  synchronized int size() {
    return size;
  }

  /** The median, in milliseconds. */
  double p50() {
    return quantile(0.50);
  }

  /** The 99th percentile (nearest rank), in milliseconds. */
  double p99() {
    return quantile(0.99);
  }

  synchronized double quantile(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(q * size) - 1;
    return sorted[Math.max(0, Math.min(index, size - 1))] / 1e6;
  }
}
