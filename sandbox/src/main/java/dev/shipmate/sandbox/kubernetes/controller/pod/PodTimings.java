package dev.shipmate.sandbox.kubernetes.controller.pod;

import java.time.Duration;

/**
 * How long simulated pods take, from the moment a node accepts them.
 *
 * @param startDelay until containers run (image pulled, container created); an image that cannot be
 *     pulled fails its first pull then
 * @param readyDelay until a healthy pod is Ready (at least {@code startDelay})
 * @param crashAfter how long a crash-looping container runs before it exits
 */
public record PodTimings(Duration startDelay, Duration readyDelay, Duration crashAfter) {

  public PodTimings {
    if (startDelay.isNegative() || readyDelay.isNegative() || crashAfter.isNegative()) {
      throw new IllegalArgumentException("pod timings cannot be negative");
    }
    if (readyDelay.compareTo(startDelay) < 0) {
      readyDelay = startDelay;
    }
  }

  /** Running after 2 s, Ready after 5 s, crashing 1 s after each start. */
  public static PodTimings defaults() {
    return new PodTimings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
  }
}
