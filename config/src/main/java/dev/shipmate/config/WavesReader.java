package dev.shipmate.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an environment's {@code waves:}: a list of waves, each a list of cluster names ({@code
 * [[canary-eu], [eu-west, us-east]]}); a lone name is a wave of one cluster. Every cluster must be
 * configured and appear once: a deploy changes each cluster exactly once.
 */
final class WavesReader {
  static final String EXAMPLE = "e.g. waves: [[canary-eu], [eu-west, us-east]]";

  private WavesReader() {}

  /** The waves, or empty after reporting every problem at its line. */
  static Optional<List<List<String>>> read(YamlValue value, Known known) {
    Optional<List<YamlValue>> items = value.list();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      value.error("no waves: list the clusters in the order to deploy them, " + EXAMPLE);
      return Optional.empty();
    }
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    List<List<String>> waves = new ArrayList<>();
    for (YamlValue item : items.get()) {
      List<YamlValue> names = item.isScalar() ? List.of(item) : item.list().orElse(null);
      if (names == null) {
        ok = false; // list() said what is wrong
        continue;
      }
      if (names.isEmpty()) {
        item.error("an empty wave: name its clusters, " + EXAMPLE);
        ok = false;
        continue;
      }
      List<String> wave = new ArrayList<>();
      for (YamlValue name : names) {
        Optional<String> cluster = name.text();
        if (cluster.isEmpty()) {
          name.error("expected a cluster name, got " + name.describe());
          ok = false;
        } else if (known.clusterProblem(cluster.get()).isPresent()) {
          name.error(known.clusterProblem(cluster.get()).get());
          ok = false;
        } else if (!seen.add(cluster.get())) {
          name.error(
              "cluster "
                  + cluster.get()
                  + " is in an earlier wave already: a deploy reaches each cluster once");
          ok = false;
        } else {
          wave.add(cluster.get());
        }
      }
      waves.add(List.copyOf(wave));
    }
    return ok ? Optional.of(List.copyOf(waves)) : Optional.empty();
  }
}
