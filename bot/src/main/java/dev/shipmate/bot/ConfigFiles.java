package dev.shipmate.bot;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ConfigProblem;
import dev.shipmate.config.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads the configuration file a subcommand was pointed at, the same way for every subcommand. */
public final class ConfigFiles {

  private ConfigFiles() {}

  /**
   * Loads {@code file}, interpolating {@code ${VARIABLES}} from {@code env}.
   *
   * @throws MissingConfigFileException when there is no readable file there, saying how to name one
   */
  public static LoadResult load(Path file, Map<String, String> env)
      throws MissingConfigFileException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      String problem = Files.isDirectory(file) ? "is a folder, not a file" : "cannot be read";
      if (!Files.exists(file)) {
        problem = "does not exist";
      }
      throw new MissingConfigFileException(
          "The configuration file "
              + file
              + " "
              + problem
              + " (looked for "
              + file.toAbsolutePath().normalize()
              + "). Name one with --config FILE or the SHIPMATE_CONFIG variable;"
              + " config/examples/shipmate.yaml is a start.");
    }
    return new ConfigLoader(env).load(file);
  }

  /** One problem as a line of output: {@code error: environments.prod.cluster (line 14): …}. */
  public static String line(ConfigProblem problem) {
    return (problem.isError() ? "error: " : "warning: ") + problem.render();
  }

  /** There is no configuration file where one was expected. */
  public static final class MissingConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public MissingConfigFileException(String message) {
      super(message);
    }
  }
}
