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
 * @param drainForcedBy who chose "Evict anyway" for its stuck drain: pods a budget keeps are then
 *     deleted instead of evicted
 * @param skippedBy the run that left it at its version when someone chose "Skip node"
 * @param tainted whether a NoSchedule or NoExecute taint keeps ordinary workloads off it (a
 *     control-plane node's, typically)
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
    Instant created,
    Optional<String> drainForcedBy,
    Optional<String> skippedBy,
    boolean tainted) {

  public ClusterNode {
    labels = Map.copyOf(labels);
  }

  /** True when its kubelet runs {@code version} or newer. */
  public boolean isAt(MinorVersion version) {
    return kubelet.map(k -> !k.isBefore(version)).orElse(false);
  }

  /** True when {@code runId} was told to leave it as it is ("Skip node"). */
  public boolean isSkippedBy(String runId) {
    return skippedBy.map(runId::equals).orElse(false);
  }

  /** True when an upgrade cordoned it to drain it. */
  public boolean isDraining() {
    return drainStarted.isPresent();
  }
}
