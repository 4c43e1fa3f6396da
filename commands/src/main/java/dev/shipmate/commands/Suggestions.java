package dev.shipmate.commands;

import dev.shipmate.config.text.EditDistance;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" by edit distance, and the small phrasing helpers every rejection uses. */
final class Suggestions {
  private static final int LONGEST_COMPARED = 64;
  private static final int LONGEST_ECHOED = 40;
  private static final int NAMES_LISTED = 10;

  private Suggestions() {}

  /**
   * The candidate the person most likely meant: the nearest within a few typos (a transposition
   * counts as one), or else the only candidate that starts with what was typed ("stag" for
   * "staging").
   */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String lower = typed.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.length() > LONGEST_COMPARED) {
      return Optional.empty();
    }
    int limit = lower.length() <= 3 ? 1 : lower.length() <= 6 ? 2 : 3;
    String nearest = null;
    int nearestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      String other = candidate.toLowerCase(Locale.ROOT);
      if (other.equals(lower) || other.length() > LONGEST_COMPARED) {
        continue;
      }
      int distance = EditDistance.between(lower, other);
      if (distance <= limit && distance < other.length() && distance < nearestDistance) {
        nearest = candidate;
        nearestDistance = distance;
      }
    }
    if (nearest != null) {
      return Optional.of(nearest);
    }
    if (lower.length() < 2) {
      return Optional.empty();
    }
    List<String> extending =
        candidates.stream()
            .filter(c -> c.length() > lower.length())
            .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(lower))
            .toList();
    return extending.size() == 1 ? Optional.of(extending.get(0)) : Optional.empty();
  }

  /** What the person typed, quoted, and cut short when it is long: {@code 'wbe'}. */
  static String quote(String token) {
    int length = token.codePointCount(0, token.length());
    if (length <= LONGEST_ECHOED) {
      return "'" + token + "'";
    }
    return "'" + token.substring(0, token.offsetByCodePoints(0, LONGEST_ECHOED)) + "…'";
  }

  /** Configured names for a message: {@code web, api}, cut short after ten. */
  static String names(List<String> names) {
    if (names.size() <= NAMES_LISTED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, NAMES_LISTED))
        + " and "
        + (names.size() - NAMES_LISTED)
        + " more";
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String and(List<String> parts) {
    return join(parts, "and");
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  static String or(List<String> parts) {
    return join(parts, "or");
  }

  private static String join(List<String> parts, String word) {
    if (parts.size() <= 1) {
      return String.join("", parts);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " "
        + word
        + " "
        + parts.get(parts.size() - 1);
  }
}
