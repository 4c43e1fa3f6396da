package dev.shipmate.pipelines.drift;

/** The drift repository could not be cloned or fetched: says which, and why. */
public final class GitSourceException extends RuntimeException {
  public GitSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
