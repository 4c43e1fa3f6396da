package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cutover run was asked, stored with the run: which cutover of the configuration, the share
 * of traffic green should end with, and optionally how much to move at a time and how long at least
 * between moves.
 */
public record CutoverParams(
    String cutover, int targetPercent, Optional<Integer> stepPercent, Optional<Duration> every) {

  public CutoverParams {
    Objects.requireNonNull(cutover, "cutover");
    Objects.requireNonNull(stepPercent, "stepPercent");
    Objects.requireNonNull(every, "every");
  }

  /** {@code /cutover www 25%}. */
  public static CutoverParams to(String cutover, int targetPercent) {
    return new CutoverParams(cutover, targetPercent, Optional.empty(), Optional.empty());
  }

  /** {@code /cutover www 100% --step 25% --every 10m}. */
  public static CutoverParams progressive(
      String cutover, int targetPercent, int stepPercent, Duration every) {
    return new CutoverParams(cutover, targetPercent, Optional.of(stepPercent), Optional.of(every));
  }

  public CutoverRequest asRequest() {
    return new CutoverRequest(targetPercent, stepPercent, every);
  }
}
