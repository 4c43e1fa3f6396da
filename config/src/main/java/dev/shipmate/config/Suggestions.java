package dev.shipmate.config;

import dev.shipmate.config.text.EditDistance;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the known word closest to a misspelt one, when one is close enough. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The closest candidate, compared without case, '_' or '-' (so {@code bot_token} finds {@code
   * botToken}), within two edits and at most a third of the word.
   */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String wanted = normalize(typed);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = EditDistance.between(wanted, normalize(candidate));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.min(2, Math.max(1, wanted.length() / 3));
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  private static String normalize(String word) {
    return word.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }
}
