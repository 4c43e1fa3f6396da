package dev.shipmate.pipelines.preview;

import java.time.Duration;
import java.util.Objects;

/**
 * The params of a {@code preview-extend} run ({@code /env extend pr-12 24h}, or the Extend button).
 * Stored as JSON with the run: never rename a component.
 */
public record PreviewExtendRequest(int pr, Duration by) {
  public PreviewExtendRequest {
    if (pr < 1) {
      throw new IllegalArgumentException("a pull request number is 1 or more, not " + pr);
    }
    Objects.requireNonNull(by, "by");
    if (by.isZero() || by.isNegative()) {
      throw new IllegalArgumentException("a preview is extended by more than nothing, not " + by);
    }
  }
}
