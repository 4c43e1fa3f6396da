package dev.shipmate.bot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example configuration with three mistakes in it, each at a known path. */
public final class BrokenConfig {

  public static final String UNKNOWN_CLUSTER = "environments.prod.cluster";
  public static final String BAD_MIN_SUCCESS = "cutovers.www.health.minSuccess";
  public static final String BAD_SCHEDULE = "drift.schedule";

  private BrokenConfig() {}

  /** Writes it into {@code folder} and returns its path. */
  public static Path writeTo(Path folder) throws IOException {
    String example = Files.readString(ExampleConfig.FILE);
    String broken =
        replaceOnce(
            replaceOnce(
                replaceOnce(example, "    cluster: prod-eu\n", "    cluster: main\n"),
                "minSuccess: 0.99",
                "minSuccess: 1.5"),
            "schedule: \"0 0 9 ? * MON-FRI\"",
            "schedule: \"every morning\"");
    Path file = folder.resolve("broken.yaml");
    Files.writeString(file, broken);
    return file;
  }

  private static String replaceOnce(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalStateException("the example no longer contains '" + from + "'");
    }
    return text.replace(from, to);
  }
}
