package dev.shipmate.pipelines.analysis;

import java.util.Objects;

/** One answer to a check's query: a value, or none (no series, NaN, Prometheus unreachable). */
public sealed interface Measurement {

  record Value(double value) implements Measurement {}

  /** No value to judge, and why: what {@code inconclusive: fail | pass} decides about. */
  record Inconclusive(String reason) implements Measurement {
    public Inconclusive {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
