package dev.shipmate.pipelines.preview;

import java.util.List;
import java.util.Objects;

/** Whether one more preview may be made, as {@link PreviewLimits} decides. */
public sealed interface LimitDecision {

  /** It may: there is room, or the pull request already has a preview (it is updated in place). */
  record Allowed() implements LimitDecision {}

  /**
   * It may not: {@code limit} previews exist already.
   *
   * @param oldest the oldest previews, the first one to remove first
   * @param message for the person who asked: what is wrong and what to type instead
   */
  record Refused(int limit, List<Preview> oldest, String message) implements LimitDecision {
    public Refused {
      oldest = List.copyOf(oldest);
      Objects.requireNonNull(message, "message");
    }
  }
}
