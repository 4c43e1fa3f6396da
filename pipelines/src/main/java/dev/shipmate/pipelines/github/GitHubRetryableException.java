package dev.shipmate.pipelines.github;

import java.time.Instant;
import java.util.Objects;

/**
 * A GitHub call that may succeed later: a rate limit (403 or 429 with {@code x-ratelimit-remaining:
 * 0} or {@code retry-after}), GitHub failing (5xx), or no answer at all. Nothing was changed by it.
 */
public final class GitHubRetryableException extends GitHubException {
  private static final long serialVersionUID = 1L;
  private final Instant retryAt;

  GitHubRetryableException(String message, int status, Instant retryAt, Throwable cause) {
    super(message, status, cause);
    this.retryAt = Objects.requireNonNull(retryAt, "retryAt");
  }

  /** The earliest instant to try again: GitHub's own word when it gave one. */
  public Instant retryAt() {
    return retryAt;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
