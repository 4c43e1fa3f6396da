package dev.shipmate.pipelines.preview;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a preview may run: a git sha or an image tag. The ref becomes the image tag in the manifests
 * ({@code {tag}}), so it is held to Docker's tag grammar, which a hex sha of 7 to 40 digits also
 * fits; anything else (spaces, quotes, colons, any line break) could change the YAML around it.
 */
public final class PreviewRefs {

  /** Docker's tag grammar: {@code [\w][\w.-]{0,127}}. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private PreviewRefs() {}

  /** Why {@code ref} cannot be run, or empty when it can. */
  public static Optional<String> problem(String ref) {
    if (TAG.matcher(ref).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "ref '"
            + YamlText.visible(ref)
            + "' is neither a git sha (7 to 40 hex digits) nor an image tag (letters, digits, _ . -;"
            + " up to 128, not starting with . or -): type --ref 3f2a9c1 or --ref v1.2.3.");
  }
}
