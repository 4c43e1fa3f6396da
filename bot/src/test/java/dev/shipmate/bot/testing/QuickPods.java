package dev.shipmate.bot.testing;

import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import java.time.Duration;

/**
 * Simulated pods Running after 0.3 s and Ready after 1 s instead of 2 s and 5 s, for tests on real
 * time that are about what Shipmate does rather than how long a rollout takes: waiting less keeps
 * the suite short on CI's two cores.
 */
public final class QuickPods {
  public static final PodTimings TIMINGS =
      new PodTimings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1));

  private QuickPods() {}
}
