package dev.shipmate.pipelines.preview;

import dev.shipmate.config.Previews;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the placeholders of a preview's manifests are replaced by.
 *
 * @param image the image repository without a tag ({@code previews.image}); empty when it is not
 *     configured, and then a manifest that uses {@code {image}} is refused
 * @param tag the image tag of the pull request's build
 * @param namespace the preview's namespace
 * @param host the preview's host name
 * @param pr the pull request number
 */
public record ManifestValues(
    Optional<String> image, String tag, String namespace, String host, int pr) {

  public ManifestValues {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(host, "host");
    if (pr < 1) {
      throw new IllegalArgumentException("a pull request number is 1 or more, not " + pr);
    }
    // A value with a line break (any YAML knows: \n, \r, U+0085, U+2028, U+2029) would move the
    // YAML around it: refuse rather than guess.
    for (String value : new String[] {image.orElse(""), tag, namespace, host}) {
      if (YamlText.hasLineBreak(value)) {
        throw new IllegalArgumentException(
            "a manifest value cannot span lines: " + YamlText.visible(value));
      }
    }
  }

  /** The values of pull request {@code pr}, its build tagged {@code tag}, under {@code config}. */
  public static ManifestValues of(Previews config, int pr, String tag) {
    return new ManifestValues(config.image(), tag, config.namespaceFor(pr), config.hostFor(pr), pr);
  }

  /** Placeholder name ({@code image}) to value, in the order the documentation lists them. */
  Map<String, Optional<String>> byName() {
    Map<String, Optional<String>> values = new LinkedHashMap<>();
    values.put("image", image);
    values.put("tag", Optional.of(tag));
    values.put("namespace", Optional.of(namespace));
    values.put("host", Optional.of(host));
    values.put("pr", Optional.of(Integer.toString(pr)));
    return values;
  }
}
