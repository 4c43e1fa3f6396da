package dev.shipmate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run already going does when a freeze that would stop its kind comes into force: {@link
 * #PAUSE} finishes what it is doing (its current step; an upgrade, its current node) and waits for
 * the freeze to end, {@link #FINISH} carries on to its end.
 */
public enum InFlightRule {
  PAUSE("pause"),
  FINISH("finish");

  private final String word;

  InFlightRule(String word) {
    this.word = word;
  }

  /** As the configuration writes it: {@code pause}, {@code finish}. */
  public String word() {
    return word;
  }

  public static Optional<InFlightRule> named(String word) {
    String lower = word.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.word.equals(lower)).findFirst();
  }
}
