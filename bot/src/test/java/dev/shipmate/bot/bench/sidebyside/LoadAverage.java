package dev.shipmate.bot.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average (1, 5, 15 minutes) as {@code /proc/loadavg} tells it. */
final class LoadAverage {

  private LoadAverage() {}

  static String now() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
