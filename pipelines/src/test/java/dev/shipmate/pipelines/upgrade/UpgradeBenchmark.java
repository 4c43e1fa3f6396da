package dev.shipmate.pipelines.upgrade;

import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Not a test: {@code mvn -pl pipelines -am -Pupgrade-bench -Dspotless.skip=true -DskipTests
 * verify}. Upgrades a simulated self-managed cluster of {@code NODES} nodes (default 100) and
 * prints how long the upgrade took in simulated time (drains, boots and validation as the sandbox
 * plays them) and how much wall time Shipmate itself spent per node: the engine's checks, each with
 * its Kubernetes and AWS calls against the sandbox, apart from the time the sandbox spends
 * simulating.
 */
public final class UpgradeBenchmark {

  private UpgradeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int nodes = Integer.parseInt(System.getProperty("nodes", "100"));
    Path folder = Files.createTempDirectory("upgrade-bench");
    System.out.printf(
        Locale.ROOT, "upgrade benchmark: %d nodes in one Auto Scaling group%n", nodes);
    long setupStart = System.nanoTime();
    try (UpgradeHarness harness = new UpgradeHarness(folder, nodes, UpgradeSettings.defaults())) {
      harness.cluster("dev").setKubernetesVersion("1.32.9");
      System.out.printf(
          Locale.ROOT, "  world seeded in %.1f s%n", (System.nanoTime() - setupStart) / 1e9);
      Instant simulatedStart = harness.world.clock().instant();
      long wallStart = System.nanoTime();
      Run run = harness.upgrade("dev", "1.32");
      Run done = harness.runToEnd(run.id(), Duration.ofMinutes(1), Duration.ofDays(2));
      Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
      Duration simulated = Duration.between(simulatedStart, harness.world.clock().instant());
      Duration checking = harness.wakeUps.checking();
      if (done.status() != RunStatus.SUCCEEDED) {
        System.out.println("  the upgrade did not succeed: " + done.message().orElse("?"));
      }
      System.out.printf(
          Locale.ROOT, "  outcome                          %s%n", done.status().words());
      System.out.printf(
          Locale.ROOT,
          "  simulated time                   %d min (%.1f min per node: drain, boot, validation)%n",
          simulated.toMinutes(),
          simulated.toSeconds() / 60.0 / nodes);
      System.out.printf(
          Locale.ROOT,
          "  Shipmate's checks                %d (%.1f per node)%n",
          harness.wakeUps.checks(),
          harness.wakeUps.checks() / (double) nodes);
      System.out.printf(
          Locale.ROOT,
          "  Shipmate's wall time per node    %.0f ms (checks, with their API calls)%n",
          checking.toNanos() / 1e6 / nodes);
      System.out.printf(
          Locale.ROOT,
          "  wall time in all                 %.1f s (%.1f s simulating the world)%n",
          wall.toNanos() / 1e9,
          (wall.toNanos() - checking.toNanos()) / 1e9);
    }
  }
}
