package dev.shipmate.bot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every subcommand that reads the configuration. */
public final class ConfigOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file. Default: $SHIPMATE_CONFIG, else shipmate.yaml in the current"
              + " folder.")
  private Path file;

  /** The file named with {@code --config}, if it was. */
  public Optional<Path> named() {
    return Optional.ofNullable(file);
  }

  /** The file named on the command line, else the one the environment names. */
  public Path file(Map<String, String> env) {
    return file != null ? file : ProcessSettings.configFile(env);
  }
}
