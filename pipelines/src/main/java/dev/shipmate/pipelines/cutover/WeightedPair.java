package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.util.Objects;

/** The blue and the green record of a cutover as they were read. */
public record WeightedPair(RecordPairRef ref, WeightedRecord blue, WeightedRecord green) {

  public WeightedPair {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(blue, "blue");
    Objects.requireNonNull(green, "green");
  }

  /**
   * The live weights. Both at 0 is read as 50/50, which is what Route53 does with them: an even
   * split between the two records.
   */
  public Weights weights() {
    if (blue.weight() == 0 && green.weight() == 0) {
      return Weights.ofGreenPercent(50);
    }
    return new Weights((int) blue.weight(), (int) green.weight());
  }

  /** Whether both records are at weight 0, so that Route53 splits the traffic evenly. */
  public boolean bothZero() {
    return blue.weight() == 0 && green.weight() == 0;
  }

  /** The pair as it will be once {@code weights} are applied. */
  public WeightedPair with(Weights weights) {
    return new WeightedPair(
        ref, blue.withWeight(weights.blue()), green.withWeight(weights.green()));
  }

  /** The longer TTL of the two: how long resolvers may still answer with the old weights. */
  public Duration ttl() {
    Duration b = blue.ttlDuration();
    Duration g = green.ttlDuration();
    return b.compareTo(g) >= 0 ? b : g;
  }
}
