package dev.shipmate.bot.bench.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One figure measured for the peer and for Shipmate in the same run, alternately: both medians and
 * 99th percentiles and their ratio (Shipmate ÷ peer: below 1 Shipmate is faster), with the load
 * average when the figure's rounds began and ended.
 */
final class Comparison {

  private static final List<Comparison> all = new ArrayList<>();

  final String pair;
  final String figure;
  final String peerName;
  final Samples peer = new Samples();
  final Samples shipmate = new Samples();
  final String loadBefore;
  String loadAfter = "";

  private Comparison(String pair, String figure, String peerName) {
    this.pair = pair;
    this.figure = figure;
    this.peerName = peerName;
    this.loadBefore = LoadAverage.now();
  }

  static synchronized Comparison of(String pair, String figure, String peerName) {
    Comparison comparison = new Comparison(pair, figure, peerName);
    all.add(comparison);
    return comparison;
  }

  /** The rounds are over: notes the load average and prints the figure. */
  void done() {
    loadAfter = LoadAverage.now();
    System.out.println(line());
  }

  String line() {
    return String.format(
        Locale.ROOT,
        "%-8s %-40s %s: p50 %8.2f ms p99 %8.2f ms (n=%d) | Shipmate: p50 %8.2f ms p99 %8.2f ms"
            + " (n=%d) | ratio p50 %s p99 %s | load %s → %s",
        pair,
        figure,
        peerName,
        peer.p50(),
        peer.p99(),
        peer.size(),
        shipmate.p50(),
        shipmate.p99(),
        shipmate.size(),
        ratio(shipmate.p50(), peer.p50()),
        ratio(shipmate.p99(), peer.p99()),
        loadBefore,
        loadAfter);
  }

  /** Shipmate ÷ peer; far below 1, also how many times faster Shipmate is. */
  static String ratio(double shipmate, double peer) {
    double ratio = shipmate / peer;
    return ratio >= 0.1
        ? String.format(Locale.ROOT, "%.2f×", ratio)
        : String.format(Locale.ROOT, "%.4f× (%.0f× faster)", ratio, 1 / ratio);
  }

  /** Every figure of the run as a Markdown table per pair, for docs/benchmarks.md. */
  static synchronized void printTables() {
    String pair = null;
    for (Comparison c : all) {
      if (!c.pair.equals(pair)) {
        pair = c.pair;
        System.out.println();
        System.out.println("### " + pair);
        System.out.println();
        System.out.println(
            "| figure | peer | peer p50 | peer p99 | Shipmate p50 | Shipmate p99 | ratio p50 |"
                + " ratio p99 | samples (peer / Shipmate) | load average (start → end) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s | %s | %d / %d | %s → %s |%n",
          c.figure,
          c.peerName,
          c.peer.p50(),
          c.peer.p99(),
          c.shipmate.p50(),
          c.shipmate.p99(),
          ratio(c.shipmate.p50(), c.peer.p50()),
          ratio(c.shipmate.p99(), c.peer.p99()),
          c.peer.size(),
          c.shipmate.size(),
          c.loadBefore,
          c.loadAfter);
    }
  }
}
