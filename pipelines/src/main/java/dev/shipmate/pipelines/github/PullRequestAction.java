package dev.shipmate.pipelines.github;

import java.util.Locale;

/** What happened to a pull request, of what previews react to; every other action is OTHER. */
public enum PullRequestAction {
  OPENED,
  REOPENED,
  /** New commits were pushed to its head branch. */
  SYNCHRONIZE,
  CLOSED,
  /** Labelled, edited, assigned, …: nothing previews react to. */
  OTHER;

  static PullRequestAction of(String action) {
    return switch (action.toLowerCase(Locale.ROOT)) {
      case "opened" -> OPENED;
      case "reopened" -> REOPENED;
      case "synchronize" -> SYNCHRONIZE;
      case "closed" -> CLOSED;
      default -> OTHER;
    };
  }
}
