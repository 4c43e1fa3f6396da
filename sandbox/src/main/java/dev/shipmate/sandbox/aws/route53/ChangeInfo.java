package dev.shipmate.sandbox.aws.route53;

import java.time.Instant;

/**
 * A submitted change batch.
 *
 * @param id e.g. {@code C0SANDBOX0000001}, without Route53's {@code /change/} prefix
 * @param status {@code PENDING} until the propagation delay has passed, then {@code INSYNC}
 */
public record ChangeInfo(
    String id, String status, Instant submittedAt, String comment, String zoneId) {

  public boolean inSync() {
    return "INSYNC".equals(status);
  }
}
