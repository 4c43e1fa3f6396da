package dev.shipmate.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in chat and in YAML: {@code 30s}, {@code 10m}, {@code 24h}, {@code
 * 7d}, and compounds such as {@code 1h30m}. One parser for the configuration and the command
 * grammar, so that {@code ttl: 72h} and {@code /env extend pr-1 72h} mean the same.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,6}[smhd])+");
  private static final Pattern PART = Pattern.compile("(\\d{1,6})([smhd])");

  /** What to tell a person who typed something else. */
  public static final String EXPECTED = "a duration like 30s, 10m, 24h, 7d or 1h30m";

  private Durations() {}

  /** The duration, or empty when the text is not one (or is zero). */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (!WHOLE.matcher(trimmed).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(trimmed);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
              });
    }
    return total.isZero() ? Optional.empty() : Optional.of(total);
  }

  /** The shortest text that {@link #parse} reads back as the same duration: {@code 1h30m}. */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds <= 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long days = seconds / 86_400;
    long hours = (seconds % 86_400) / 3_600;
    long minutes = (seconds % 3_600) / 60;
    long secs = seconds % 60;
    if (days > 0) {
      out.append(days).append('d');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (secs > 0) {
      out.append(secs).append('s');
    }
    return out.toString();
  }
}
