package dev.shipmate.pipelines.upgrade;

import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.sandbox.kubernetes.api.RequestCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: {@code mvn -pl pipelines -am -Pupgrade-bench -Dspotless.skip=true -DskipTests
 * verify}. Upgrades a simulated self-managed cluster of {@code NODES} nodes (default 100) and
 * prints how long the upgrade took in simulated time (drains, boots and validation as the sandbox
 * plays them), how much wall time Shipmate itself spent per node (the engine's checks, each with
 * its Kubernetes and AWS calls against the sandbox, apart from the time the sandbox spends
 * simulating), and what the checks asked of the cluster's API server: list and get requests per
 * check and per node, and the objects those lists returned — the cost to the cluster, which must
 * not grow with its size.
 *
 * <p>{@code -Dmeasured=N} stops after N nodes are replaced (default: every node), so a cluster of
 * 1,000 nodes can be measured in minutes; the figures are per node and per check either way.
 */
public final class UpgradeBenchmark {

  private UpgradeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int nodes = Integer.parseInt(System.getProperty("nodes", "100"));
    int measured = Integer.parseInt(System.getProperty("measured", String.valueOf(nodes)));
    Path folder = Files.createTempDirectory("upgrade-bench");
    System.out.printf(
        Locale.ROOT,
        "upgrade benchmark: %d nodes in one Auto Scaling group, the first %d replaced measured"
            + " (load average %s)%n",
        nodes,
        Math.min(measured, nodes),
        loadAverage());
    long setupStart = System.nanoTime();
    try (UpgradeHarness harness = new UpgradeHarness(folder, nodes, UpgradeSettings.defaults())) {
      harness.cluster("dev").setKubernetesVersion("1.32.9");
      System.out.printf(
          Locale.ROOT, "  world seeded in %.1f s%n", (System.nanoTime() - setupStart) / 1e9);
      RequestCounts api = harness.cluster("dev").requestCounts();
      Instant simulatedStart = harness.world.clock().instant();
      long wallStart = System.nanoTime();
      long checksBefore = harness.wakeUps.checks();
      Duration checkingBefore = harness.wakeUps.checking();
      api.reset();
      Run run = harness.upgrade("dev", "1.32");
      Instant limit = simulatedStart.plus(Duration.ofDays(2));
      while (harness.run(run.id()).isActive()
          && replaced(harness, run) < measured
          && harness.world.clock().instant().isBefore(limit)) {
        harness.advance(Duration.ofMinutes(1));
      }
      Run done = harness.run(run.id());
      int replaced = Math.max(1, replaced(harness, run));
      Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
      Duration simulated = Duration.between(simulatedStart, harness.world.clock().instant());
      Duration checking = harness.wakeUps.checking().minus(checkingBefore);
      long checks = harness.wakeUps.checks() - checksBefore;
      Map<String, Long> requests = api.requests();
      if (done.isActive()) {
        System.out.println("  stopped after " + replaced + " nodes replaced, as asked");
      } else if (done.status() != RunStatus.SUCCEEDED) {
        System.out.println("  the upgrade did not succeed: " + done.message().orElse("?"));
      }
      System.out.printf(
          Locale.ROOT, "  outcome                          %s%n", done.status().words());
      System.out.printf(
          Locale.ROOT,
          "  simulated time                   %d min (%.1f min per node: drain, boot, validation)%n",
          simulated.toMinutes(),
          simulated.toSeconds() / 60.0 / replaced);
      System.out.printf(
          Locale.ROOT,
          "  Shipmate's checks                %d (%.1f per node)%n",
          checks,
          checks / (double) replaced);
      System.out.printf(
          Locale.ROOT,
          "  Shipmate's wall time per node    %.0f ms (checks, with their API calls)%n",
          checking.toNanos() / 1e6 / replaced);
      System.out.printf(
          Locale.ROOT,
          "  wall time in all                 %.1f s (%.1f s simulating the world)%n",
          wall.toNanos() / 1e9,
          (wall.toNanos() - checking.toNanos()) / 1e9);
      long reads =
          requests.entrySet().stream()
              .filter(e -> e.getKey().startsWith("list ") || e.getKey().startsWith("get "))
              .mapToLong(Map.Entry::getValue)
              .sum();
      long listed = api.listedObjects().values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(
          Locale.ROOT,
          "  API list+get requests            %d: %.1f per check, %.1f per node%n",
          reads,
          reads / (double) Math.max(1, checks),
          reads / (double) replaced);
      System.out.printf(
          Locale.ROOT,
          "  objects returned by lists        %d: %.0f per check, %.0f per node%n",
          listed,
          listed / (double) Math.max(1, checks),
          listed / (double) replaced);
      requests.forEach(
          (what, count) ->
              System.out.printf(
                  Locale.ROOT,
                  "    %-34s %7d (%.2f per check)%n",
                  what,
                  count,
                  count / (double) Math.max(1, checks)));
      api.listedObjects()
          .forEach(
              (what, count) ->
                  System.out.printf(Locale.ROOT, "    objects listed: %-18s %9d%n", what, count));
    }
  }

  /** Nodes the run has drained and handed back to their group so far. */
  private static int replaced(UpgradeHarness harness, Run run) {
    return (int)
        harness.progressNotes(run.id()).stream()
            .filter(n -> n.contains(" and terminated "))
            .count();
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
