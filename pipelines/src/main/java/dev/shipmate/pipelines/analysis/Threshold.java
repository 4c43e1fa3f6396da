package dev.shipmate.pipelines.analysis;

import dev.shipmate.config.AnalysisCheck;

/** A Prometheus check's bounds: a value passes when it is at most max and at least min. */
final class Threshold {
  private Threshold() {}

  static boolean passes(AnalysisCheck.Prometheus source, double value) {
    return source.max().map(max -> value <= max).orElse(true)
        && source.min().map(min -> value >= min).orElse(true);
  }

  /** {@code 0.004 ≤ 0.01}, {@code 0.3 > 0.01}, {@code 12 ≥ 5}: the value beside its bound. */
  static String compared(AnalysisCheck.Prometheus source, double value) {
    String shown = Figures.of(value);
    if (source.max().isPresent() && value > source.max().get()) {
      return shown + " > " + Figures.of(source.max().get());
    }
    if (source.min().isPresent() && value < source.min().get()) {
      return shown + " < " + Figures.of(source.min().get());
    }
    if (source.max().isPresent()) {
      return shown + " ≤ " + Figures.of(source.max().get());
    }
    return shown + " ≥ " + Figures.of(source.min().get());
  }
}
