package dev.shipmate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loading test configurations, and their problems as the rendered text a person would read. */
final class Configs {
  static final Path EXAMPLE = Path.of("examples", "shipmate.yaml").toAbsolutePath();

  private Configs() {}

  static LoadResult parse(String yaml) {
    return parse(yaml, Map.of());
  }

  static LoadResult parse(String yaml, Map<String, String> environment) {
    return new ConfigLoader(environment).parse(yaml, "test.yaml");
  }

  static List<String> errors(LoadResult result) {
    return result.errors().stream().map(ConfigProblem::render).toList();
  }

  static List<String> warnings(LoadResult result) {
    return result.warnings().stream().map(ConfigProblem::render).toList();
  }

  static List<String> errors(String yaml) {
    return errors(parse(yaml));
  }

  static List<String> warnings(String yaml) {
    return warnings(parse(yaml));
  }
}
