package dev.shipmate.pipelines.preview;

import java.time.Instant;

/**
 * The text of Shipmate's one comment on a pull request, for each state a preview goes through. The
 * hidden marker that finds it again is added by the gateway. Pure.
 */
final class PreviewComment {
  private PreviewComment() {}

  static String deploying(int pr, String ref, String url, String run) {
    return header(pr) + "⏳ **Deploying** `" + ref + "` to " + url + " (run " + run + ").";
  }

  static String ready(int pr, String ref, String url, Instant expiresAt, String run) {
    return header(pr)
        + "✅ **Ready** at "
        + url
        + " running `"
        + ref
        + "` (run "
        + run
        + ").\n\nExpires "
        + expiresAt
        + "; in Slack, `/env extend pr-"
        + pr
        + " 24h` keeps it longer.";
  }

  static String failed(int pr, String ref, String reason, String run) {
    return header(pr)
        + "❌ **Failed** to deploy `"
        + ref
        + "` (run "
        + run
        + "): "
        + reason
        + "\n\nPush a fix, or `/env up pr-"
        + pr
        + "` in Slack to try again.";
  }

  static String removed(int pr, String reason, String run) {
    return header(pr) + "🗑️ **Removed** (" + reason + ", run " + run + ").";
  }

  private static String header(int pr) {
    return "**Preview environment for #" + pr + "**\n\n";
  }
}
