package dev.shipmate.engine.freeze;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run would change, as freezes see it: its kind and the configured targets it touches. A
 * pipeline says it ({@code Pipeline.change}); the engine holds it against the freezes in force
 * before it starts a run.
 */
public record Change(
    FreezeBlock kind,
    Optional<String> environment,
    List<String> clusters,
    Optional<String> cutover) {

  public Change {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(environment, "environment");
    clusters = List.copyOf(clusters);
    Objects.requireNonNull(cutover, "cutover");
  }

  /** A deploy or a rollback ({@code kind}) to an environment, which lives on a cluster. */
  public static Change ofEnvironment(FreezeBlock kind, String environment, String cluster) {
    return ofEnvironment(kind, environment, List.of(cluster));
  }

  /**
   * A deploy ({@code kind}) to an environment that lives on several clusters (in waves): a freeze
   * of any of them stops it.
   */
  public static Change ofEnvironment(FreezeBlock kind, String environment, List<String> clusters) {
    return new Change(kind, Optional.of(environment), clusters, Optional.empty());
  }

  /** An upgrade of a cluster, or a preview on it ({@code kind}). */
  public static Change ofCluster(FreezeBlock kind, String cluster) {
    return new Change(kind, Optional.empty(), List.of(cluster), Optional.empty());
  }

  public static Change ofCutover(String cutover) {
    return new Change(FreezeBlock.CUTOVER, Optional.empty(), List.of(), Optional.of(cutover));
  }

  /** Whether a freeze of {@code scope} covers a target this change touches. */
  public boolean touches(FreezeScope scope) {
    return environment.map(scope::coversEnvironment).orElse(false)
        || clusters.stream().anyMatch(scope::coversCluster)
        || cutover.map(scope::coversCutover).orElse(false);
  }
}
