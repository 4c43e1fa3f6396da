package dev.shipmate.sandbox.world;

import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import java.time.Duration;

/**
 * Airplane mode's pace: the world's simulated durations shortened so that each example ends within
 * a couple of minutes of wall time, on real time. The stand-ins' own defaults (an EKS control plane
 * updating for 8 minutes, an instance joining after 90 s, Route53 changes propagating in 30 s) stay
 * what tests and {@code sandbox} expect; only {@code local} applies this.
 */
public final class FastClock {

  /** Containers running after 0.3 s, Ready after 1 s; a crash-looping one exits after 1 s. */
  public static final PodTimings POD_TIMINGS =
      new PodTimings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1));

  /** A launched instance becomes a Ready node after this long (90 s by default). */
  public static final Duration INSTANCE_JOIN = Duration.ofSeconds(4);

  /** An EKS control plane takes this long to move one minor version (8 minutes by default). */
  public static final Duration EKS_UPDATE = Duration.ofSeconds(15);

  /**
   * The TTL of the cutovers' weighted records (60 s when seeded): a cutover waits a TTL out before
   * it bakes, as resolvers may hold the old answer that long.
   */
  public static final long RECORD_TTL = 5;

  /** A Route53 change is PENDING this long before INSYNC (30 s by default). */
  public static final Duration ROUTE53_PROPAGATION = Duration.ofSeconds(2);

  private FastClock() {}

  /** {@code settings} with the fast clock's pod timings. */
  public static WorldSettings settings(WorldSettings settings) {
    return settings.withPodTimings(POD_TIMINGS);
  }

  /**
   * Shortens the AWS stand-ins' durations of a world just started from {@code config}, and its
   * cutover records' TTL.
   */
  public static void apply(SimulatedWorld world, ShipmateConfig config) {
    SimulatedWorld.seedCutovers(config, world.aws().route53(), RECORD_TTL);
    world.aws().compute().setJoinDelay(INSTANCE_JOIN);
    world.aws().eks().setControlPlaneUpdateDelay(EKS_UPDATE);
    world.aws().route53().setPropagationDelay(ROUTE53_PROPAGATION);
  }
}
