package dev.shipmate.pipelines.deploy;

import java.util.regex.Pattern;

/**
 * Image references split the way registries read them: {@code host:5000/acme/web:v1.2@sha256:…} is
 * repository {@code host:5000/acme/web}, tag {@code v1.2}, digest {@code sha256:…}.
 */
public final class ImageTags {
  /** The tag grammar of the OCI distribution spec. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private static final int SHORT_DIGEST = 12;

  private ImageTags() {}

  /** Whether {@code version} can be an image tag. */
  public static boolean isValidTag(String version) {
    return version != null && TAG.matcher(version).matches();
  }

  /** The repository: the reference without its tag and digest. */
  public static String repository(String image) {
    String name = withoutDigest(image);
    int colon = tagColon(name);
    return colon < 0 ? name : name.substring(0, colon);
  }

  /**
   * The version a person would name: the tag; else a short digest ({@code sha256:0123456789ab});
   * else {@code latest}, which is what a bare repository pulls.
   */
  public static String version(String image) {
    String name = withoutDigest(image);
    int colon = tagColon(name);
    if (colon >= 0) {
      return name.substring(colon + 1);
    }
    int at = image.indexOf('@');
    if (at >= 0) {
      String digest = image.substring(at + 1);
      int algorithm = digest.indexOf(':');
      return digest.length() > algorithm + 1 + SHORT_DIGEST
          ? digest.substring(0, algorithm + 1 + SHORT_DIGEST)
          : digest;
    }
    return "latest";
  }

  private static String withoutDigest(String image) {
    int at = image.indexOf('@');
    return at < 0 ? image : image.substring(0, at);
  }

  /** A ':' after the last '/' starts the tag; one before it is a registry's port. */
  private static int tagColon(String name) {
    return name.indexOf(':', name.lastIndexOf('/') + 1);
  }
}
