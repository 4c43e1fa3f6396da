package dev.shipmate.pipelines.github;

/**
 * What the preview steps need from GitHub's REST API, and nothing more. Every call either succeeds
 * or throws a {@link GitHubException} saying whether to retry and when.
 */
public interface GitHubGateway {
  /** The commit status context previews report under. */
  String PREVIEW_CONTEXT = "shipmate/preview";

  /**
   * Sets a commit status ({@code POST /repos/{owner}/{repo}/statuses/{sha}}). A later status with
   * the same context replaces it in GitHub's view.
   *
   * @param repo {@code owner/name}
   * @param targetUrl where the status links to (the preview, the run); null for none
   * @param description one line; cut to GitHub's 140 characters
   * @param context {@link #PREVIEW_CONTEXT} for previews
   */
  void setCommitStatus(
      String repo,
      String sha,
      CommitState state,
      String targetUrl,
      String description,
      String context);

  /**
   * Posts Shipmate's comment on a pull request, or edits it when it is there already: the comment
   * is found by {@link StickyComment#PREVIEW_MARKER}, which is added to {@code body}, among all the
   * pull request's comments (every page). Never posts a second one.
   */
  StickyComment upsertStickyComment(String repo, int pr, String body);

  /**
   * The sha of the commit at the head of a pull request ({@code GET
   * /repos/{owner}/{repo}/pulls/{number}}): what {@code /env up pr-12} runs when no ref is given.
   *
   * @throws GitHubRejectedException (404) when the repository has no such pull request
   */
  String pullRequestHead(String repo, int pr);

  /**
   * The head of a pull request: its commit and the repository it lives in, which is another than
   * {@code repo} for a pull request from a fork ({@code GET /repos/{owner}/{repo}/pulls/{number}}).
   *
   * @throws GitHubRejectedException (404) when the repository has no such pull request
   */
  PullRequestHead head(String repo, int pr);

  /**
   * @param sha the commit at the head
   * @param repo {@code owner/name} of the repository that holds it; empty when GitHub named none (a
   *     fork that was deleted)
   */
  record PullRequestHead(String sha, java.util.Optional<String> repo) {
    /** Whether the head lives outside {@code base}: its code is not the repository's own. */
    public boolean fromForkOf(String base) {
      return repo.map(r -> !r.equalsIgnoreCase(base)).orElse(true);
    }
  }
}
