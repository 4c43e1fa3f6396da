package dev.shipmate.sandbox.aws.cloudwatch;

import java.time.Instant;
import java.util.Objects;

/**
 * One metric alarm of the stand-in: its name and region, and the state a test set.
 *
 * @param reason {@code StateReason}, as CloudWatch words it ({@code Threshold Crossed: …})
 * @param updatedAt {@code StateUpdatedTimestamp}
 */
public record Alarm(
    String region, String name, AlarmState state, String reason, Instant updatedAt) {
  public Alarm {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
