package dev.shipmate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code upgrade:} — how patient {@code /upgrade} is with each node. The defaults suit production;
 * a test cluster with small nodes may want shorter ones.
 *
 * @param drainTimeout how long one node's drain may be blocked (by PodDisruptionBudgets) before the
 *     run pauses and asks a person: Wait longer, Evict anyway or Skip node
 * @param joinTimeout how long a replacement instance may take to become a Ready node
 * @param validateTimeout how long the cluster may stay unhealthy after a node joined
 */
public record UpgradeTimings(
    Duration drainTimeout, Duration joinTimeout, Duration validateTimeout) {
  public static final UpgradeTimings DEFAULTS =
      new UpgradeTimings(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(10));

  public UpgradeTimings {
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(joinTimeout, "joinTimeout");
    Objects.requireNonNull(validateTimeout, "validateTimeout");
  }
}
