package dev.shipmate.pipelines.deploy;

import java.time.Duration;

/**
 * Durations the way people say them in chat: {@code 45s}, {@code 3m}, {@code 2m10s}, {@code 1h5m}.
 */
final class Elapsed {
  private Elapsed() {}

  static String brief(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? minutes + "m" : "");
    }
    if (minutes > 0) {
      return minutes + "m" + (rest > 0 ? rest + "s" : "");
    }
    return rest + "s";
  }
}
