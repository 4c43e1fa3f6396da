package dev.shipmate.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a freeze stops: the kinds of change, as a freeze's {@code blocks:} names them. A freeze that
 * names none stops {@link #DEFAULT}: everything but a rollback, the way out of a bad deploy.
 */
public enum FreezeBlock {
  DEPLOY("deploy"),
  ROLLBACK("rollback"),
  CUTOVER("cutover"),
  UPGRADE("upgrade"),
  PREVIEWS("previews");

  /** What a freeze blocks when it does not say. */
  public static final Set<FreezeBlock> DEFAULT =
      Set.copyOf(EnumSet.complementOf(EnumSet.of(ROLLBACK)));

  private final String word;

  FreezeBlock(String word) {
    this.word = word;
  }

  /** As the configuration writes it: {@code deploy}, {@code previews}. */
  public String word() {
    return word;
  }

  public static Optional<FreezeBlock> named(String word) {
    String lower = word.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(b -> b.word.equals(lower)).findFirst();
  }

  /** Every word, for a message: {@code deploy, rollback, cutover, upgrade, previews}. */
  public static String words() {
    return String.join(", ", Arrays.stream(values()).map(FreezeBlock::word).toList());
  }
}
