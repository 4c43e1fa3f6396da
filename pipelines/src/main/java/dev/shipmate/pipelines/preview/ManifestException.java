package dev.shipmate.pipelines.preview;

import java.util.List;

/**
 * The manifests of a preview cannot be applied, with every problem found, each naming the file (and
 * the document in it, counted from 1) and saying what to change. Nothing was applied.
 */
public final class ManifestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ManifestException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a manifest error needs a problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
