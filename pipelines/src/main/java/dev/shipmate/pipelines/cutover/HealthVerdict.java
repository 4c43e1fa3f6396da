package dev.shipmate.pipelines.cutover;

import java.util.Objects;

/** What the health gate makes of a window of probes. */
public sealed interface HealthVerdict {

  /** The figures behind the verdict, for the run's thread and {@code /cutover www status}. */
  HealthFigures figures();

  /** One line for people. */
  String summary();

  /** Every rule holds over the window. */
  record Healthy(HealthFigures figures) implements HealthVerdict {
    public Healthy {
      Objects.requireNonNull(figures, "figures");
    }

    @Override
    public String summary() {
      return "healthy: " + figures.summary();
    }
  }

  /**
   * A rule does not hold: the cutover goes back to its last healthy weights.
   *
   * @param rule the first rule that failed
   * @param reason that rule's figures against its threshold, for people
   */
  record Unhealthy(HealthFigures figures, HealthRule rule, String reason) implements HealthVerdict {
    public Unhealthy {
      Objects.requireNonNull(figures, "figures");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String summary() {
      return "unhealthy: " + reason + " (" + figures.summary() + ")";
    }
  }

  /** Too few probes yet to judge; probe again. */
  record NotEnoughData(HealthFigures figures, int needed) implements HealthVerdict {
    public NotEnoughData {
      Objects.requireNonNull(figures, "figures");
    }

    @Override
    public String summary() {
      return "not enough data: " + figures.samples() + " of " + needed + " probes needed";
    }
  }

  /** The rules of the gate, in the order they are checked. */
  enum HealthRule {
    /** The share of 2xx answers is at least {@code health.minSuccess}. */
    MIN_SUCCESS,
    /** The p99 latency is at most {@code health.maxLatency}. */
    MAX_LATENCY
  }
}
