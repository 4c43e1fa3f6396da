package dev.shipmate.pipelines.cutover;

import dev.shipmate.config.ShipmateConfig;
import java.util.Objects;

/** The configured cutovers by name. */
final class CutoverTargets {
  private final ShipmateConfig config;

  CutoverTargets(ShipmateConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * @throws CutoverRefusedException when no cutover has that name (the configuration changed since
   *     the run was asked for, or the name was never checked)
   */
  CutoverTarget resolve(String name) {
    var cutover = config.cutovers().get(name);
    if (cutover == null) {
      throw new CutoverRefusedException(
          "there is no cutover named '"
              + name
              + "' in the configuration"
              + (config.cutovers().isEmpty()
                  ? "; add one under cutovers:."
                  : " (known: " + String.join(", ", config.cutovers().keySet()) + ")."));
    }
    return CutoverTarget.of(cutover, config.analysis().cutoverChecks(name));
  }

  /** The Prometheus that answers for cutovers, which belong to no cluster: the global one. */
  java.util.Optional<String> prometheus() {
    return config.analysis().prometheus();
  }
}
