package dev.shipmate.pipelines.cutover;

import java.util.Objects;

/** Where an alias record points (a load balancer, a CloudFront distribution, another record). */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
  public AliasTarget {
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
    Objects.requireNonNull(dnsName, "dnsName");
  }
}
