package dev.shipmate.pipelines.cutover;

import dev.shipmate.config.AnalysisCheck;
import dev.shipmate.config.Cutover;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One configured cutover as the steps use it: the record pair, the health gate and its probe, the
 * bake time, and the metric checks every step bakes under ({@code cutovers.NAME.analysis}).
 */
record CutoverTarget(
    String name,
    RecordPairRef ref,
    HealthGate gate,
    Cutover.Health health,
    Duration bake,
    List<AnalysisCheck> analysis) {

  CutoverTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(bake, "bake");
    analysis = List.copyOf(analysis);
  }

  static CutoverTarget of(Cutover cutover, List<AnalysisCheck> analysis) {
    return new CutoverTarget(
        cutover.name(),
        RecordPairRef.of(cutover),
        HealthGate.of(cutover.health()),
        cutover.health(),
        cutover.bake(),
        analysis);
  }

  /**
   * How long the probes of one step are judged over: the record's TTL and the bake time, and never
   * so short that the gate's minimum of probes cannot fit in it.
   */
  Duration window(Duration ttl) {
    Duration settle = ttl.plus(bake);
    Duration least = health.interval().multipliedBy(gate.minSamples());
    return settle.compareTo(least) >= 0 ? settle : least;
  }
}
