package dev.shipmate.pipelines.cutover;

import java.util.Objects;

/** The output of {@code restore-weights}: the weights it put back. */
public record Restored(Weights weights) {
  public Restored {
    Objects.requireNonNull(weights, "weights");
  }
}
