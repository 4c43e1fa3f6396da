package dev.shipmate.pipelines.preview;

import java.util.Objects;

/**
 * The params of a {@code preview-down} run. Stored as JSON with the run: never rename a component.
 *
 * @param pr the pull request number
 * @param reason why it goes, in words for the card and the PR comment: {@code asked in Slack},
 *     {@code pull request closed}, {@code expired}
 */
public record PreviewDownRequest(int pr, String reason) {
  public PreviewDownRequest {
    if (pr < 1) {
      throw new IllegalArgumentException("a pull request number is 1 or more, not " + pr);
    }
    Objects.requireNonNull(reason, "reason");
  }
}
