package dev.shipmate.bot.presenter;

import java.time.Duration;

/** Durations as a channel reads them: {@code 45s}, {@code 3m12s}, {@code 1h05m}, {@code 2d4h}. */
public final class DurationWords {

  private DurationWords() {}

  public static String of(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long rest = seconds % 60;
    if (days > 0) {
      return days + "d" + hours + "h";
    }
    if (hours > 0) {
      return hours + "h" + String.format("%02dm", minutes);
    }
    if (minutes > 0) {
      return minutes + "m" + String.format("%02ds", rest);
    }
    return rest + "s";
  }
}
