package dev.shipmate.pipelines.github;

/**
 * A GitHub API call failed. Either it may succeed later ({@link GitHubRetryableException}) or it
 * will fail the same way until someone changes something ({@link GitHubRejectedException}).
 */
public abstract sealed class GitHubException extends RuntimeException
    permits GitHubRetryableException, GitHubRejectedException {
  private static final long serialVersionUID = 1L;
  private final int status;

  GitHubException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status GitHub answered, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public abstract boolean retryable();
}
