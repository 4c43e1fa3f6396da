package dev.shipmate.pipelines.upgrade;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A Node as the upgrade sees it.
 *
 * @param kubelet the kubelet's minor version; empty when the Node reports none yet
 * @param instanceId the EC2 instance behind it, from {@code spec.providerID}
 * @param drainStarted when an upgrade cordoned it to drain it (its annotation), if one did
 * @param allocatablePods how many pods it can hold ({@code status.allocatable.pods})
 */
public record ClusterNode(
    String name,
    boolean ready,
    boolean unschedulable,
    String kubeletVersion,
    Optional<MinorVersion> kubelet,
    Optional<String> instanceId,
    Map<String, String> labels,
    Optional<Instant> drainStarted,
    int allocatablePods,
    Instant created) {

  public ClusterNode {
    labels = Map.copyOf(labels);
  }

  /** True when its kubelet runs {@code version} or newer. */
  public boolean isAt(MinorVersion version) {
    return kubelet.map(k -> !k.isBefore(version)).orElse(false);
  }

  /** True when an upgrade cordoned it to drain it. */
  public boolean isDraining() {
    return drainStarted.isPresent();
  }
}
