package dev.shipmate.pipelines.github;

/**
 * GitHub refused a call and will refuse it again (a repository it does not have, a token without
 * the permission, a request it cannot process). The message says what to fix.
 */
public final class GitHubRejectedException extends GitHubException {
  private static final long serialVersionUID = 1L;

  GitHubRejectedException(String message, int status) {
    super(message, status, null);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
