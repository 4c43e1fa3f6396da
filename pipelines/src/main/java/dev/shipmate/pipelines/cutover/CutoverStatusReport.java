package dev.shipmate.pipelines.cutover;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /cutover www status} answers: the live weights as shares of traffic, and the green
 * side's health when it was probed.
 */
public record CutoverStatusReport(
    String cutover, WeightedPair live, Optional<HealthVerdict> health) {

  public CutoverStatusReport {
    Objects.requireNonNull(cutover, "cutover");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(health, "health");
  }

  public double greenPercent() {
    return live.weights().greenPercent();
  }

  public double bluePercent() {
    return live.weights().bluePercent();
  }

  /**
   * {@code www (www.example.com. CNAME in zone Z0EXAMPLE): blue 75% · green 25% (weights 75/25)},
   * then the health on a line of its own.
   */
  public String text() {
    StringBuilder text =
        new StringBuilder()
            .append(cutover)
            .append(" (")
            .append(live.ref().describe())
            .append("): ")
            .append(CutoverPlan.shares(live.weights()))
            .append(" (weights ")
            .append(live.blue().weight())
            .append('/')
            .append(live.green().weight())
            .append(live.bothZero() ? ": both 0, so Route53 splits evenly" : "")
            .append(')');
    text.append("\nGreen health: ").append(health.map(HealthVerdict::summary).orElse("not probed"));
    return text.toString();
  }
}
