package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.pipelines.github.CommitState;
import dev.shipmate.pipelines.github.GitHubException;
import dev.shipmate.pipelines.github.GitHubGateway;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the preview steps tell GitHub: a commit status on the preview's sha and one sticky comment
 * on the pull request. A preview does not depend on GitHub: when GitHub is not configured, or
 * refuses or fails, the step says so and the preview goes on.
 */
final class PreviewGitHubReports {
  private static final Logger log = LoggerFactory.getLogger(PreviewGitHubReports.class);

  /** GitHub's statuses API takes a full commit sha; a tag gets only the comment. */
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");

  private final Optional<GitHubGateway> gateway;
  private final Optional<String> repo;

  PreviewGitHubReports(Optional<GitHubGateway> gateway, Optional<String> repo) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.repo = Objects.requireNonNull(repo, "repo");
  }

  boolean configured() {
    return gateway.isPresent() && repo.isPresent();
  }

  /**
   * Sets the status (when {@code ref} is a sha and {@code state} is given) and the comment.
   *
   * @return what the step answers: done, or skipped with why GitHub was not told
   */
  StepResult report(
      int pr,
      String ref,
      Optional<CommitState> state,
      String targetUrl,
      String description,
      String comment) {
    if (!configured()) {
      return StepResult.skipped("GitHub is not configured (previews.github and GITHUB_TOKEN)");
    }
    GitHubGateway github = gateway.get();
    try {
      if (state.isPresent() && SHA.matcher(ref).matches()) {
        github.setCommitStatus(
            repo.get(), ref, state.get(), targetUrl, description, GitHubGateway.PREVIEW_CONTEXT);
      }
      github.upsertStickyComment(repo.get(), pr, comment);
      return StepResult.done();
    } catch (GitHubException e) {
      log.warn("GitHub was not told about pr-{}: {}", pr, e.getMessage(), e);
      return StepResult.skipped("GitHub was not told: " + e.getMessage());
    }
  }
}
