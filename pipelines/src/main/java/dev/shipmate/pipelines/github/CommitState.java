package dev.shipmate.pipelines.github;

import java.util.Locale;

/** The state of a commit status, as GitHub names it. */
public enum CommitState {
  PENDING,
  SUCCESS,
  FAILURE,
  ERROR;

  /** {@code pending}: the word GitHub's API takes. */
  public String apiValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
