package dev.shipmate.pipelines.cutover;

import java.util.Objects;

/**
 * The output of {@code bake}: the weights the run ended with, and the last step's probe figures.
 */
public record Baked(Weights weights, String health) {
  public Baked {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(health, "health");
  }
}
