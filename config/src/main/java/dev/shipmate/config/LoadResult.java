package dev.shipmate.config;

import java.util.List;
import java.util.Optional;

/**
 * What loading a configuration gave: the configuration when it has no errors, and every problem
 * found — all of them, not just the first — in the order of the file.
 */
public record LoadResult(Optional<ShipmateConfig> config, List<ConfigProblem> problems) {
  public LoadResult {
    problems = List.copyOf(problems);
    if (config.isPresent() && problems.stream().anyMatch(ConfigProblem::isError)) {
      throw new IllegalArgumentException("a configuration with errors cannot be loaded");
    }
  }

  public boolean ok() {
    return config.isPresent();
  }

  public List<ConfigProblem> errors() {
    return problems.stream().filter(ConfigProblem::isError).toList();
  }

  public List<ConfigProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** The configuration, or an {@link InvalidConfigException} that lists every error. */
  public ShipmateConfig orThrow() {
    return config.orElseThrow(() -> new InvalidConfigException(errors()));
  }
}
