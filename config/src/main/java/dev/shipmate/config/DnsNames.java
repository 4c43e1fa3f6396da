package dev.shipmate.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' naming rules (RFC 1123), which Shipmate's own names follow too: a name typed in
 * {@code /deploy web prod} is also a label value, part of a lock key and of a namespace.
 */
final class DnsNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final int LABEL_MAX = 63;
  private static final int SUBDOMAIN_MAX = 253;

  static final String LABEL_RULE =
      "use lowercase letters, digits and '-', starting and ending with a letter or digit, at most"
          + " 63 characters";

  private DnsNames() {}

  static boolean isLabel(String text) {
    return text.length() <= LABEL_MAX && LABEL.matcher(text).matches();
  }

  /** Dot-separated labels ({@code web.v2}, {@code pr-1.preview.example.com}). */
  static boolean isSubdomain(String text) {
    if (text.isEmpty() || text.length() > SUBDOMAIN_MAX) {
      return false;
    }
    for (String label : text.split("\\.", -1)) {
      if (!isLabel(label)) {
        return false;
      }
    }
    return true;
  }

  /** Why {@code name} is not a valid label, with a corrected suggestion when one is obvious. */
  static Optional<String> labelProblem(String name) {
    if (isLabel(name)) {
      return Optional.empty();
    }
    String fixed =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+|-+$", "");
    String suggestion = isLabel(fixed) ? " (e.g. '" + fixed + "')" : "";
    return Optional.of("'" + name + "' is not a valid name: " + LABEL_RULE + suggestion);
  }
}
