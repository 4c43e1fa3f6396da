package dev.shipmate.commands;

import dev.shipmate.config.ShipmateConfig;
import java.util.List;

/**
 * The names the grammar checks a command against, in the configuration's order. The grammar needs
 * nothing else from the configuration, which keeps it easy to test.
 */
public record Catalog(
    List<String> services,
    List<String> environments,
    List<String> clusters,
    List<String> cutovers,
    boolean previewsEnabled) {

  public Catalog {
    services = List.copyOf(services);
    environments = List.copyOf(environments);
    clusters = List.copyOf(clusters);
    cutovers = List.copyOf(cutovers);
  }

  public static Catalog of(ShipmateConfig config) {
    return new Catalog(
        List.copyOf(config.services().keySet()),
        List.copyOf(config.environments().keySet()),
        List.copyOf(config.clusters().keySet()),
        List.copyOf(config.cutovers().keySet()),
        config.previews().isPresent());
  }

  /** What can be frozen: the environments, clusters and cutovers, each name once. */
  public List<String> targets() {
    return java.util.stream.Stream.of(environments, clusters, cutovers)
        .flatMap(List::stream)
        .distinct()
        .toList();
  }
}
