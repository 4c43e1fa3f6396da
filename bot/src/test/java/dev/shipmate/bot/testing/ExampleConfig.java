package dev.shipmate.bot.testing;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The example configuration kept by the config module, which every module's tests can rely on. */
public final class ExampleConfig {

  /** From the bot module's folder, where Maven runs its tests. */
  public static final Path FILE = Path.of("..", "config", "examples", "shipmate.yaml");

  public static final String BOT_TOKEN = "xoxb-test-token";
  public static final String SIGNING_SECRET = "test-signing-secret";

  /** What the example's {@code ${…}} references are filled from in tests. */
  public static final Map<String, String> ENV =
      Map.of("SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_SIGNING_SECRET", SIGNING_SECRET);

  private ExampleConfig() {}

  /**
   * The sandbox's Slack workspace on a free local port, knowing the bot by the example's token and
   * signing secret: hand its {@code apiUrl()} to the bot as {@code SLACK_API_URL}.
   */
  public static SimulatedSlack slack() {
    return SimulatedSlack.start(Clock.systemUTC(), BOT_TOKEN, SIGNING_SECRET, "127.0.0.1", 0);
  }

  /** The example, with its store (an H2 file) in {@code folder} rather than in ./data. */
  public static ShipmateConfig load(Path folder) {
    Map<String, String> env = new java.util.HashMap<>(ENV);
    env.putAll(storeIn(folder));
    return withoutFreezes(new ConfigLoader(env).load(FILE).orThrow());
  }

  /**
   * The configuration without its {@code freezes:}. The example freezes prod at the weekend, and
   * tests on the example run on the real clock: they must not depend on the day they run.
   * ExampleFreezeTest checks the example's freeze itself, at fixed instants.
   */
  public static ShipmateConfig withoutFreezes(ShipmateConfig config) {
    return config.withFreezes(java.util.List.of());
  }

  /** The environment variable that puts the example's store in {@code folder}. */
  public static Map<String, String> storeIn(Path folder) {
    return Map.of("SHIPMATE_DB_URL", "jdbc:h2:file:" + folder.resolve("shipmate").toAbsolutePath());
  }

  public static ShipmateConfig load() {
    if (!Files.isRegularFile(FILE)) {
      throw new IllegalStateException(FILE.toAbsolutePath() + " is missing");
    }
    return withoutFreezes(new ConfigLoader(ENV).load(FILE).orThrow());
  }
}
