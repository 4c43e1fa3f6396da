package dev.shipmate.sandbox.aws.compute;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which kubelet an image runs. The sandbox's images say it in their id ({@code
 * ami-eks-node-1.32.9}, or just the minor version, {@code ami-eks-node-1.32}); a minor version
 * alone means the newest patch EKS shipped for it.
 */
public final class KubeletVersions {

  private static final Pattern FULL = Pattern.compile("(\\d+\\.\\d+\\.\\d+)");
  private static final Pattern MINOR = Pattern.compile("(\\d+\\.\\d+)");
  private static final Map<String, String> NEWEST_PATCH =
      Map.of(
          "1.28", "1.28.15",
          "1.29", "1.29.15",
          "1.30", "1.30.14",
          "1.31", "1.31.13",
          "1.32", "1.32.9",
          "1.33", "1.33.5",
          "1.34", "1.34.1");

  private KubeletVersions() {}

  /** The kubelet version an image id names, e.g. {@code v1.32.9}. */
  public static Optional<String> ofImage(String imageId) {
    if (imageId == null) {
      return Optional.empty();
    }
    Matcher full = FULL.matcher(imageId);
    if (full.find()) {
      return Optional.of("v" + full.group(1));
    }
    Matcher minor = MINOR.matcher(imageId);
    return minor.find() ? Optional.of("v" + newestPatch(minor.group(1))) : Optional.empty();
  }

  /** {@code 1.32} → {@code 1.32.9}. */
  public static String newestPatch(String minor) {
    return NEWEST_PATCH.getOrDefault(minor, minor + ".0");
  }

  /** {@code v1.32.9} or {@code 1.32.9-eks-1} → {@code 1.32}. */
  public static String minorOf(String version) {
    Matcher minor = MINOR.matcher(version);
    if (!minor.find()) {
      throw new IllegalArgumentException("not a Kubernetes version: " + version);
    }
    return minor.group(1);
  }

  /** The image id the sandbox uses for a kubelet version. */
  public static String imageFor(String version) {
    return "ami-eks-node-" + (version.startsWith("v") ? version.substring(1) : version);
  }
}
