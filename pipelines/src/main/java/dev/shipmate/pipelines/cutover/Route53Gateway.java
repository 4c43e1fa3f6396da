package dev.shipmate.pipelines.cutover;

/**
 * What the cutover needs from Route53, and nothing more: read the weighted pair, move both weights
 * in one batch, and ask whether that batch has reached every name server.
 *
 * <p>Failures of Route53 itself (throttled, unreachable, refused) arrive as the AWS SDK's
 * exceptions, after the SDK's own few retries; {@link Route53ExceptionClassifier} says what they
 * mean for a run.
 */
public interface Route53Gateway {

  /**
   * Reads the blue and the green record.
   *
   * @throws CutoverRefusedException if either record is missing or is not a weighted record
   */
  WeightedPair readPair(RecordPairRef ref);

  /**
   * UPSERTs both records of {@code pair} with {@code weights} in one change batch, everything else
   * (TTL, values, alias, health check) as read: Route53 applies it whole or not at all.
   *
   * @return the change id, without Route53's {@code /change/} prefix, for {@link #changeStatus}
   */
  String applyWeights(WeightedPair pair, Weights weights, String comment);

  /** Whether the change has reached all of Route53's name servers. */
  ChangeStatus changeStatus(String changeId);
}
