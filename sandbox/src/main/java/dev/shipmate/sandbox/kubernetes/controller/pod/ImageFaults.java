package dev.shipmate.sandbox.kubernetes.controller.pod;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Images that misbehave in one cluster only, as a test sets them: an image its region's registry
 * mirror lacks ({@code imagepull}), one that crashes on that cluster's nodes ({@code crashloop}) or
 * never gets Ready there ({@code unready}). The same scenarios as the image tags of {@link
 * ContainerScenario}, for one cluster instead of every one.
 */
public final class ImageFaults {
  /** The scenarios a fault may name. */
  public static final Set<String> FAILURES = Set.of("imagepull", "crashloop", "unready");

  private final Map<String, String> byImage = new ConcurrentHashMap<>();

  /**
   * @param image the whole image reference, as a pod template names it
   * @param failure one of {@link #FAILURES}
   */
  public void fail(String image, String failure) {
    String chosen = failure.toLowerCase(Locale.ROOT);
    if (!FAILURES.contains(chosen)) {
      throw new IllegalArgumentException(
          "no simulated failure named '" + failure + "'; known: " + FAILURES);
    }
    byImage.put(image, chosen);
  }

  public void clear() {
    byImage.clear();
  }

  Optional<String> of(String image) {
    return image == null ? Optional.empty() : Optional.ofNullable(byImage.get(image));
  }
}
