package dev.shipmate.pipelines.cutover;

import java.time.Instant;
import java.util.Objects;

/**
 * The output of {@code apply-weights}: the first step's change batch.
 *
 * @param changeId Route53's id of the batch, for GetChange
 * @param at when it was submitted
 */
public record Applied(Weights weights, String changeId, Instant at) {
  public Applied {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(at, "at");
  }
}
