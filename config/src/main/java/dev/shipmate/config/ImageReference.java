package dev.shipmate.config;

import java.util.Optional;

/**
 * An image repository as the configuration names it: {@code registry.example.com/acme/web}, with no
 * tag or digest, because the version a person deploys becomes the tag.
 */
final class ImageReference {
  private ImageReference() {}

  /** Why {@code image} cannot be used as a repository, and what to write instead. */
  static Optional<String> problem(String image) {
    if (image.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("an image repository has no spaces, got " + YamlValue.quote(image));
    }
    int at = image.indexOf('@');
    if (at >= 0) {
      return Optional.of(
          "leave the digest out (image: "
              + image.substring(0, at)
              + "): the version you deploy becomes the tag");
    }
    // A ':' after the last '/' is a tag; one before it is a registry's port (host:5000/acme/web).
    int slash = image.lastIndexOf('/');
    int colon = image.indexOf(':', slash + 1);
    if (colon >= 0) {
      return Optional.of(
          "leave the tag out (image: "
              + image.substring(0, colon)
              + "): the version you deploy becomes the tag");
    }
    // The registry's host may have capitals; the repository's path may not.
    int firstSlash = image.indexOf('/');
    String first = firstSlash < 0 ? "" : image.substring(0, firstSlash);
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    String repository = hasRegistry ? image.substring(firstSlash + 1) : image;
    if (!repository.equals(repository.toLowerCase(java.util.Locale.ROOT))) {
      return Optional.of("an image repository's path is lowercase, got " + YamlValue.quote(image));
    }
    return Optional.empty();
  }
}
