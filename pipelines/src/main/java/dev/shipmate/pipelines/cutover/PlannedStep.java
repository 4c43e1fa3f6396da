package dev.shipmate.pipelines.cutover;

import java.time.Instant;
import java.util.Objects;

/**
 * One move of a cutover.
 *
 * @param number from 1
 * @param greenPercent the share green gets at this step
 * @param weights the weights written
 * @param applyAt the earliest time the weights are written
 * @param bakedAt the earliest time the step can be judged healthy: after the TTL and the bake (the
 *     wait for INSYNC comes on top)
 */
public record PlannedStep(
    int number, int greenPercent, Weights weights, Instant applyAt, Instant bakedAt) {
  public PlannedStep {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(applyAt, "applyAt");
    Objects.requireNonNull(bakedAt, "bakedAt");
  }
}
