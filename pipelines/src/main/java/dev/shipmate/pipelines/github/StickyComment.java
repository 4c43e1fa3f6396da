package dev.shipmate.pipelines.github;

import java.util.Objects;

/**
 * Shipmate's one comment on a pull request, found again by its hidden marker.
 *
 * @param id GitHub's id of the comment
 * @param url where people see it
 * @param change what the upsert did to it
 */
public record StickyComment(long id, String url, Change change) {
  /** The hidden marker that tells Shipmate's preview comment from everyone else's. */
  public static final String PREVIEW_MARKER = "<!-- shipmate:preview -->";

  public StickyComment {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(change, "change");
  }

  public enum Change {
    /** There was none: it was posted. */
    CREATED,
    /** It was there and was edited to the new text. */
    UPDATED,
    /** It was there with this very text: nothing was sent. */
    UNCHANGED
  }
}
