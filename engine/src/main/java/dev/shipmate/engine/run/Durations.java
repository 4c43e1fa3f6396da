package dev.shipmate.engine.run;

import java.time.Duration;

/** Durations as people write them: 45s, 10m, 1h30m. */
public final class Durations {
  private Durations() {}

  public static String words(Duration duration) {
    long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
    if (seconds < 60) {
      return seconds + "s";
    }
    long hours = seconds / 3600;
    long minutes = (seconds % 3600) / 60;
    long rest = seconds % 60;
    StringBuilder out = new StringBuilder();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (rest > 0 && hours == 0) {
      out.append(rest).append('s');
    }
    return out.toString();
  }
}
