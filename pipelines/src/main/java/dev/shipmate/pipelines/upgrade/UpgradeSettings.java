package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.UpgradeTimings;
import java.time.Duration;

/**
 * How long an upgrade waits for each thing, how often it looks, and the figures its estimate uses.
 *
 * @param drainTimeout how long one node's drain may be stuck before the run pauses and asks a
 *     person (Wait longer, Evict anyway, Skip node), naming what blocks it (kops and EKS use 15
 *     minutes)
 * @param joinTimeout how long a replacement instance may take to become a Ready node
 * @param validateTimeout how long the cluster may stay unhealthy after a node joined
 * @param evictionRetry how soon an eviction a budget refused (429) is tried again ({@code kubectl
 *     drain} uses 5 s)
 * @param poll how often a wait with no watch is checked
 * @param perNodeEstimate one node's replacement, drain to validation, for the estimate
 * @param controlPlaneEstimate an EKS control-plane update, for the estimate
 */
public record UpgradeSettings(
    Duration drainTimeout,
    Duration joinTimeout,
    Duration validateTimeout,
    Duration evictionRetry,
    Duration poll,
    Duration perNodeEstimate,
    Duration controlPlaneEstimate) {

  public static UpgradeSettings defaults() {
    return of(UpgradeTimings.DEFAULTS);
  }

  /**
   * The waits {@code upgrade:} in the configuration sets (its defaults are kops' and EKS's), with
   * Shipmate's own polling and estimate figures.
   */
  public static UpgradeSettings of(UpgradeTimings timings) {
    return new UpgradeSettings(
        timings.drainTimeout(),
        timings.joinTimeout(),
        timings.validateTimeout(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10));
  }

  public UpgradeSettings withDrainTimeout(Duration timeout) {
    return new UpgradeSettings(
        timeout,
        joinTimeout,
        validateTimeout,
        evictionRetry,
        poll,
        perNodeEstimate,
        controlPlaneEstimate);
  }
}
