package dev.shipmate.pipelines.drift;

/** A manifest in the repository that cannot be read: says which file and document, and why. */
public final class ManifestException extends RuntimeException {
  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
