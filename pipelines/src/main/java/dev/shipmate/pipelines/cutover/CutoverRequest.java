package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /cutover www 100% --step 25% --every 10m} asks: the share of traffic green should end
 * up with, and optionally how much to move at a time and how long at least between moves.
 */
public record CutoverRequest(
    int targetPercent, Optional<Integer> stepPercent, Optional<Duration> every) {

  public CutoverRequest {
    Objects.requireNonNull(stepPercent, "stepPercent");
    Objects.requireNonNull(every, "every");
  }

  /** All at once: {@code /cutover www 25%}. */
  public static CutoverRequest to(int targetPercent) {
    return new CutoverRequest(targetPercent, Optional.empty(), Optional.empty());
  }

  /** Progressive: {@code /cutover www 100% --step 25% --every 10m}. */
  public static CutoverRequest progressive(int targetPercent, int stepPercent, Duration every) {
    return new CutoverRequest(targetPercent, Optional.of(stepPercent), Optional.of(every));
  }
}
