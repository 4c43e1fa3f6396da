package dev.shipmate.engine.run;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A run's id: the pipeline's letter, a dash and four base-36 characters ({@code d-4k2p}). Short
 * enough to type in {@code /cancel d-4k2p}; 1.7 million per letter, and the store retries on a
 * collision.
 */
public record RunId(String value) {
  private static final Pattern SHAPE = Pattern.compile("[a-z]-[0-9a-z]{4}");
  private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

  public RunId {
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a run id: a letter, a dash and four letters or digits (d-4k2p)");
    }
  }

  /** A run id from user input, or empty when the text is not one. Case and spaces are forgiven. */
  public static Optional<RunId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normalized = text.strip().toLowerCase(Locale.ROOT);
    return SHAPE.matcher(normalized).matches()
        ? Optional.of(new RunId(normalized))
        : Optional.empty();
  }

  public static RunId random(char prefix, RandomGenerator random) {
    StringBuilder id = new StringBuilder().append(prefix).append('-');
    for (int i = 0; i < 4; i++) {
      id.append(DIGITS.charAt(random.nextInt(DIGITS.length())));
    }
    return new RunId(id.toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
