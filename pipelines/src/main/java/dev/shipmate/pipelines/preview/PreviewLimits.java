package dev.shipmate.pipelines.preview;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How many previews may exist at once ({@code previews.limit}). A preview being deleted does not
 * count: it is on its way out. A pull request that has a preview may always update it. Pure.
 */
public final class PreviewLimits {
  /** How many of the oldest previews a refusal names. */
  static final int NAMED = 3;

  private final int limit;

  public PreviewLimits(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a preview limit is 1 or more, not " + limit);
    }
    this.limit = limit;
  }

  /** Whether pull request {@code pr} may have a preview, given the previews there are. */
  public LimitDecision check(List<Preview> existing, int pr) {
    List<Preview> counted =
        existing.stream()
            .filter(p -> p.status() != PreviewStatus.TERMINATING)
            .sorted(Comparator.comparing(Preview::created).thenComparing(Preview::pr))
            .toList();
    if (counted.size() < limit || counted.stream().anyMatch(p -> p.pr() == pr)) {
      return new LimitDecision.Allowed();
    }
    List<Preview> oldest = counted.subList(0, Math.min(NAMED, counted.size()));
    String message =
        "no preview for pr-"
            + pr
            + ": "
            + counted.size()
            + " previews exist and the limit is "
            + limit
            + ". The oldest: "
            + oldest.stream()
                .map(p -> p.handle() + " (by " + p.owner() + ", since " + p.created() + ")")
                .collect(Collectors.joining(", "))
            + ". Remove one with /env down "
            + oldest.get(0).handle()
            + ", then try again.";
    return new LimitDecision.Refused(limit, oldest, message);
  }
}
