package dev.shipmate.bot.bench.sidebyside;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: Shipmate measured beside the tool a user would use instead, in one run, alternating A
 * B A B, several rounds; each figure printed with both medians and 99th percentiles, the ratio and
 * the load average, then as Markdown tables for docs/benchmarks.md. Never fails on a figure.
 *
 * <pre>mvn -pl pipelines,bot -am -Pside-by-side -Dspotless.skip=true -DskipTests verify</pre>
 *
 * <p>Properties: {@code pairs} (any of {@code ack,rollout,drift,process}; all by default), {@code
 * rounds} (5), {@code ack.perRound} (200 requests per figure and round), {@code kubectl} (the
 * binary to compare with), {@code kubediff} (a checkout of weaveworks/kubediff: without it the
 * drift pair measures Shipmate alone).
 */
public final class SideBySide {

  private SideBySide() {}

  public static void main(String[] args) throws Exception {
    List<String> pairs =
        Arrays.asList(System.getProperty("pairs", "ack,rollout,drift,process").split(","));
    int rounds = Integer.getInteger("rounds", 5);
    System.out.printf(
        "side by side, %s, JDK %s, %d cores, load average %s; pairs %s, %d rounds%n",
        Instant.now(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        LoadAverage.now(),
        pairs,
        rounds);
    for (String pair : pairs) {
      try {
        switch (pair.trim()) {
          case "ack" -> new AckPair(rounds, Integer.getInteger("ack.perRound", 200)).run();
          case "rollout" ->
              new RolloutPair(rounds * Integer.getInteger("rollout.perRound", 10)).run();
          case "drift" -> new DriftPair(rounds).run();
          case "process" -> new ProcessFigures().run();
          default -> System.out.println("no such pair: " + pair);
        }
      } catch (Exception | Error e) {
        // A benchmark never fails a build: say what broke and go on with the next pair.
        System.out.println(pair + ": not measured: " + e);
        e.printStackTrace(System.out);
      }
    }
    Comparison.printTables();
    System.exit(0);
  }
}
