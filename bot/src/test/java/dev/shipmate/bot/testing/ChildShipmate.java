package dev.shipmate.bot.testing;

import dev.shipmate.bot.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code shipmate <subcommand>} in a JVM of its own, as an operator starts it. */
public final class ChildShipmate {

  private static final Pattern LISTENING = Pattern.compile("on port (\\d+)");

  private ChildShipmate() {}

  /**
   * A process builder for {@code shipmate args…} on the test class path, its output (merged) in
   * {@code log}, with {@code env} over this process's environment minus the variables a developer's
   * shell may have set for their own Shipmate.
   */
  public static ProcessBuilder builder(Path log, Map<String, String> env, String... args) {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.command().add("-cp");
    // Failsafe may start tests from a manifest-only jar; this is the real class path then.
    builder
        .command()
        .add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    builder.command().add(Main.class.getName());
    builder.command().addAll(List.of(args));
    builder.environment().remove("SHIPMATE_CONFIG");
    builder.environment().remove("KUBECONFIG");
    builder.environment().putAll(env);
    return builder.redirectErrorStream(true).redirectOutput(log.toFile());
  }

  /** Reads the log until serve names its port; fails if serve exits or stays silent. */
  public static int awaitPort(Process serve, Path log) throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 600; attempt++) {
      Matcher matcher = LISTENING.matcher(Files.readString(log));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (serve.waitFor(100, TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    throw new AssertionError(
        "serve did not say which port it listens on:\n" + Files.readString(log));
  }
}
