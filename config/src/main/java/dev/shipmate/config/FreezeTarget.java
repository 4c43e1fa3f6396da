package dev.shipmate.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One configured target a person can freeze from chat: an environment, a cluster or a cutover,
 * found by its name in that order (an environment and a cluster may share a name; the environment,
 * what people deploy to, wins).
 */
public record FreezeTarget(Kind kind, String name) {
  public enum Kind {
    ENVIRONMENT("environment"),
    CLUSTER("cluster"),
    CUTOVER("cutover");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public FreezeTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The target named {@code name}, if the configuration has one. */
  public static Optional<FreezeTarget> find(ShipmateConfig config, String name) {
    if (config.environments().containsKey(name)) {
      return Optional.of(new FreezeTarget(Kind.ENVIRONMENT, name));
    }
    if (config.clusters().containsKey(name)) {
      return Optional.of(new FreezeTarget(Kind.CLUSTER, name));
    }
    if (config.cutovers().containsKey(name)) {
      return Optional.of(new FreezeTarget(Kind.CUTOVER, name));
    }
    return Optional.empty();
  }
}
