package dev.shipmate.pipelines.drift;

import dev.shipmate.config.Cutover;
import dev.shipmate.pipelines.cutover.RecordPairRef;
import dev.shipmate.pipelines.cutover.Route53Gateway;
import dev.shipmate.pipelines.cutover.WeightedPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each cutover's Route53 weights against the {@code CutoverWeights} git holds for it. A cutover git
 * says nothing about is not compared; weights for a cutover the configuration does not know are
 * reported as unchecked, so that a typo does not hide drift.
 */
public final class WeightComparer {
  private final Route53Gateway route53;

  public WeightComparer(Route53Gateway route53) {
    this.route53 = route53;
  }

  public List<Finding> compare(List<DesiredWeights> desired, Map<String, Cutover> cutovers) {
    List<Finding> findings = new ArrayList<>();
    for (DesiredWeights wanted : desired) {
      Cutover cutover = cutovers.get(wanted.cutover());
      if (cutover == null) {
        findings.add(
            new Finding.Unchecked(
                Finding.DNS,
                "cutover " + wanted.cutover() + " (" + wanted.source() + ")",
                "no cutover of that name in the configuration (known: "
                    + String.join(", ", cutovers.keySet())
                    + ")"));
        continue;
      }
      WeightedPair pair;
      try {
        pair = route53.readPair(RecordPairRef.of(cutover));
      } catch (RuntimeException e) {
        findings.add(
            new Finding.Unchecked(
                Finding.DNS, "cutover " + wanted.cutover(), String.valueOf(e.getMessage())));
        continue;
      }
      long blue = pair.blue().weight();
      long green = pair.green().weight();
      if (blue != wanted.blue() || green != wanted.green()) {
        findings.add(
            new Finding.WeightsChanged(
                wanted.cutover(), wanted.blue(), wanted.green(), (int) blue, (int) green));
      }
    }
    return findings;
  }
}
