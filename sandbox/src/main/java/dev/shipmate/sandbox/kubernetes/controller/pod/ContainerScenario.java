package dev.shipmate.sandbox.kubernetes.controller.pod;

import java.util.Locale;
import java.util.Map;

/**
 * What a simulated container does, chosen by its image tag (a contract in DESIGN.md) or, for every
 * container of a pod, by the pod annotation {@value #ANNOTATION}.
 */
public sealed interface ContainerScenario {

  String ANNOTATION = "sandbox.shipmate.dev/failure";

  /** Starts, becomes Ready after the readiness delay. */
  record Healthy() implements ContainerScenario {}

  /** Tag ends in {@code -imagepull}: never pulls; ErrImagePull, then ImagePullBackOff. */
  record ImagePullFailure() implements ContainerScenario {}

  /** Tag ends in {@code -crashloop}: exits with code 1 after each start; CrashLoopBackOff. */
  record CrashLoop() implements ContainerScenario {}

  /** Tag ends in {@code -unready}: runs, never Ready. */
  record NeverReady() implements ContainerScenario {}

  static ContainerScenario of(String image, Map<String, String> podAnnotations) {
    return of(image, podAnnotations, new ImageFaults());
  }

  /** The pod's annotation first, then the cluster's fault for the image, then the image's tag. */
  static ContainerScenario of(
      String image, Map<String, String> podAnnotations, ImageFaults faults) {
    String chosen = podAnnotations == null ? null : podAnnotations.get(ANNOTATION);
    if (chosen == null) {
      chosen = faults.of(image).orElse(null);
    }
    if (chosen == null) {
      String tag = tagOf(image == null ? "" : image);
      int dash = tag.lastIndexOf('-');
      chosen = dash < 0 ? "" : tag.substring(dash + 1);
    }
    return switch (chosen.toLowerCase(Locale.ROOT)) {
      case "imagepull" -> new ImagePullFailure();
      case "crashloop" -> new CrashLoop();
      case "unready" -> new NeverReady();
      default -> new Healthy();
    };
  }

  private static String tagOf(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.substring(colon + 1) : "";
  }
}
