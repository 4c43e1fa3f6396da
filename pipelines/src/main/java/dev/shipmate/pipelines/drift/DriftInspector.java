package dev.shipmate.pipelines.drift;

import dev.shipmate.config.Drift;
import dev.shipmate.config.ShipmateConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes a {@link DriftReport}: fetches the repository, then compares each cluster with its folder
 * ({@code drift.source.path}, {@code {cluster}} filled in) and, for a report of every cluster, the
 * cutovers' weights with the {@code CutoverWeights} documents of those folders.
 *
 * <p>A cluster that cannot be read, or whose folder holds a broken manifest, becomes an {@link
 * Finding.Unchecked} line of the report rather than stopping the others.
 */
public final class DriftInspector {
  private final ShipmateConfig config;
  private final Drift drift;
  private final GitManifestSource git;
  private final Function<String, LiveObjects> clusters;
  private final WeightComparer weights;
  private final Clock clock;
  private final ManifestReader reader = new ManifestReader();

  /**
   * @param clusters the live objects of a cluster, by its name in the configuration
   */
  public DriftInspector(
      ShipmateConfig config,
      GitManifestSource git,
      Function<String, LiveObjects> clusters,
      WeightComparer weights,
      Clock clock) {
    this.config = config;
    this.drift = config.drift().orElseThrow(() -> new IllegalArgumentException("no drift config"));
    this.git = git;
    this.clusters = clusters;
    this.weights = weights;
    this.clock = clock;
  }

  /** The clusters a report covers: {@code drift.clusters}, or every cluster. */
  public List<String> clusterNames() {
    return drift.clusters().isEmpty() ? List.copyOf(config.clusters().keySet()) : drift.clusters();
  }

  /**
   * @param only one cluster, or every cluster (and Route53) when empty
   * @throws GitSourceException when the repository cannot be fetched
   */
  public DriftReport inspect(Optional<String> only) {
    GitCheckout checkout = git.checkout();
    List<String> names = only.map(List::of).orElseGet(this::clusterNames);
    ClusterComparer comparer = new ClusterComparer(new IgnoreRules(drift.ignore()));
    List<Finding> findings = new ArrayList<>();
    Map<String, DesiredWeights> desiredWeights = new LinkedHashMap<>();
    for (String cluster : names) {
      Path folder = checkout.root().resolve(drift.source().pathFor(cluster)).normalize();
      try {
        ManifestSet set = reader.read(checkout.root(), folder);
        set.weights().forEach(w -> desiredWeights.putIfAbsent(w.cutover(), w));
        findings.addAll(comparer.compare(cluster, set.objects(), clusters.apply(cluster)));
      } catch (ManifestException e) {
        findings.add(new Finding.Unchecked(cluster, "cluster " + cluster, e.getMessage()));
      } catch (RuntimeException e) {
        findings.add(
            new Finding.Unchecked(
                cluster,
                "cluster " + cluster,
                e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
    boolean dns = only.isEmpty();
    if (dns) {
      findings.addAll(weights.compare(List.copyOf(desiredWeights.values()), config.cutovers()));
    }
    return new DriftReport(clock.instant(), checkout.commit(), names, dns, findings);
  }
}
