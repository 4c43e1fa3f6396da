package dev.shipmate.commands;

import java.util.Arrays;
import java.util.Optional;

/** An option: {@code --dry-run} alone, the others followed by a value. */
enum Flag {
  DRY_RUN("--dry-run", Optional.empty()),
  REF("--ref", Optional.of(Value.GIT_REF)),
  TTL("--ttl", Optional.of(Value.DURATION)),
  STEP("--step", Optional.of(Value.PERCENT)),
  EVERY("--every", Optional.of(Value.DURATION)),
  BREAK_GLASS("--break-glass", Optional.of(Value.REASON)),
  QUEUE("--queue", Optional.empty());

  private final String spelling;
  private final Optional<Value> value;

  Flag(String spelling, Optional<Value> value) {
    this.spelling = spelling;
    this.value = value;
  }

  String spelling() {
    return spelling;
  }

  /** What follows the option, if anything. */
  Optional<Value> value() {
    return value;
  }

  static Optional<Flag> named(String spelling) {
    return Arrays.stream(values()).filter(f -> f.spelling.equals(spelling)).findFirst();
  }

  /** Whether a word is meant as an option: {@code --ttl}, and also a mistyped {@code -ttl}. */
  static boolean looksLikeOne(String token) {
    return (token.startsWith("--") && token.length() > 2)
        || (token.length() > 1 && token.charAt(0) == '-' && Character.isLetter(token.charAt(1)));
  }
}
