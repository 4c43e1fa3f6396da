package dev.shipmate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code environments.NAME:} — a namespace of a cluster that services are deployed to, with who may
 * deploy there ({@code deployers}), who approves and how many approvals a deploy needs, and the
 * channel its runs report to (else {@code slack.channel}, else the channel of the command).
 *
 * <p>An environment may instead span several clusters, deployed in order ({@code waves:}, e.g.
 * {@code [[canary-eu], [eu-west, us-east]]}): each wave is rolled out, then baked, before the next
 * one starts. {@link #cluster} is then the first cluster of the first wave, which is what the
 * features that look at one cluster (a rollback, {@code /whats-deployed}, freezes) see.
 *
 * @param waves the clusters in the order a deploy reaches them, a list per wave; one wave of {@code
 *     cluster} for an environment on one cluster
 * @param bake how long each wave but the last runs before the next starts ({@code bake:}); zero
 */
public record Environment(
    String name,
    String cluster,
    String namespace,
    Policy policy,
    Optional<String> channel,
    List<List<String>> waves,
    Duration bake) {

  public Environment {
    Objects.requireNonNull(cluster, "cluster");
    bake = Objects.requireNonNullElse(bake, Duration.ZERO);
    waves =
        waves == null || waves.isEmpty()
            ? List.of(List.of(cluster))
            : waves.stream().map(List::copyOf).toList();
  }

  /** An environment on one cluster. */
  public Environment(
      String name, String cluster, String namespace, Policy policy, Optional<String> channel) {
    this(name, cluster, namespace, policy, channel, List.of(List.of(cluster)), Duration.ZERO);
  }

  /** Whether a deploy here goes wave by wave across more than one cluster. */
  public boolean inWaves() {
    return clusters().size() > 1;
  }

  /** Every cluster of the environment, in the order of its waves. */
  public List<String> clusters() {
    return waves.stream().flatMap(List::stream).toList();
  }
}
