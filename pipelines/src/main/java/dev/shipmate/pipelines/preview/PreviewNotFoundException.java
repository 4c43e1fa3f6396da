package dev.shipmate.pipelines.preview;

/** There is no preview in that namespace. */
public final class PreviewNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PreviewNotFoundException(String namespace) {
    super(
        "there is no preview in namespace "
            + namespace
            + ": /env list shows the previews there are, /env up pr-<number> makes one");
  }
}
