package dev.shipmate.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every error in it. */
public final class InvalidConfigException extends RuntimeException {
  private final List<ConfigProblem> errors;

  public InvalidConfigException(List<ConfigProblem> errors) {
    super(
        errors.size()
            + " configuration error(s):\n"
            + errors.stream().map(e -> "  " + e.render()).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigProblem> errors() {
    return errors;
  }
}
