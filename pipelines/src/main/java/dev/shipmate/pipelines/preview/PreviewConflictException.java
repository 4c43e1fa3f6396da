package dev.shipmate.pipelines.preview;

/**
 * The namespace is there but Shipmate may not use it now: it is not a preview of that pull request
 * (Shipmate never changes nor deletes a namespace it did not make), or it is still being deleted.
 * Nothing was changed.
 */
public final class PreviewConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private PreviewConflictException(String message) {
    super(message);
  }

  static PreviewConflictException notOurs(String namespace, String why) {
    return new PreviewConflictException(
        "namespace "
            + namespace
            + " exists but "
            + why
            + ": Shipmate leaves it alone; remove it yourself, or change previews.namespace in"
            + " the configuration");
  }

  static PreviewConflictException terminating(String namespace) {
    return new PreviewConflictException(
        "the preview in namespace "
            + namespace
            + " is still being removed: try again in a minute, once /env list no longer shows it");
  }
}
