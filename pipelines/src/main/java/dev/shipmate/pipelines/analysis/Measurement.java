package dev.shipmate.pipelines.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * One answer to a check: a value, an alarm's state, or none (no series, NaN, an alarm with
 * insufficient data, the service unreachable).
 */
public sealed interface Measurement {

  record Value(double value) implements Measurement {}

  /**
   * A CloudWatch alarm in {@code OK} or {@code ALARM} (INSUFFICIENT_DATA is {@link Inconclusive}).
   *
   * @param reason CloudWatch's {@code StateReason}, when it gives one
   */
  record AlarmState(String alarm, String state, Optional<String> reason) implements Measurement {
    public AlarmState {
      Objects.requireNonNull(alarm, "alarm");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(reason, "reason");
    }

    public boolean ok() {
      return state.equals("OK");
    }
  }

  /** No value to judge, and why: what {@code inconclusive: fail | pass} decides about. */
  record Inconclusive(String reason) implements Measurement {
    public Inconclusive {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
