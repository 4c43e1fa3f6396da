package dev.shipmate.bot.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides when the console prints a card again. Slack shows a card in place, so the bot updates it
 * as often as it learns something (a cutover's bake, every probe: "healthy: 7/7 probes succeeded");
 * a terminal can only print it again below. A change of words (a step done, a question, the
 * outcome) is printed at once; a change of figures alone at most once per {@link #FIGURES_EVERY},
 * so that progress shows without a card every two seconds.
 */
final class CardReprints {

  /** How often a card whose figures alone changed is printed again. */
  static final Duration FIGURES_EVERY = Duration.ofSeconds(15);

  private final Clock clock;
  private final Map<String, Printed> printed = new HashMap<>();

  CardReprints() {
    this(Clock.systemUTC());
  }

  CardReprints(Clock clock) {
    this.clock = clock;
  }

  /**
   * Whether the card {@code key} with this substance (its text without context blocks) is to be
   * printed now; if so, it is remembered as printed.
   */
  synchronized boolean shouldPrint(String key, String substance) {
    Printed last = printed.get(key);
    Instant now = clock.instant();
    if (last != null) {
      if (last.substance().equals(substance)) {
        return false;
      }
      boolean figuresOnly = last.words().equals(words(substance));
      if (figuresOnly && now.isBefore(last.at().plus(FIGURES_EVERY))) {
        return false;
      }
    }
    printed.put(key, new Printed(substance, words(substance), now));
    return true;
  }

  /** The text with every run of digits made one placeholder: what is left are its words. */
  static String words(String text) {
    return text.replaceAll("[0-9]+", "#");
  }

  private record Printed(String substance, String words, Instant at) {}
}
