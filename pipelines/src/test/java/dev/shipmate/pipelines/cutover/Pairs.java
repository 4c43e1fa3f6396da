package dev.shipmate.pipelines.cutover;

/** Weighted pairs as Route53 would hold them, for the pure tests. */
final class Pairs {
  static final RecordPairRef WWW =
      new RecordPairRef("Z0EXAMPLE", "www.example.com.", "CNAME", "blue", "green");

  private Pairs() {}

  /** A CNAME pair with a 60 s TTL. */
  static WeightedPair at(long blue, long green) {
    return new WeightedPair(
        WWW,
        WeightedRecord.of("blue", blue, 60, "blue.example.com"),
        WeightedRecord.of("green", green, 60, "green.example.com"));
  }
}
