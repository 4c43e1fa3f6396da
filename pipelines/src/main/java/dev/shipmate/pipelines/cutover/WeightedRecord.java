package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side of a cutover as Route53 holds it: everything an UPSERT must send back unchanged, so that
 * only the weight moves.
 *
 * @param ttl seconds; empty for an alias record (Route53 uses the target's)
 * @param values the record's values; empty for an alias record
 * @param alias set for an alias record
 * @param healthCheckId the Route53 health check attached to the record, if any
 */
public record WeightedRecord(
    String setIdentifier,
    long weight,
    Optional<Long> ttl,
    List<String> values,
    Optional<AliasTarget> alias,
    Optional<String> healthCheckId) {

  public WeightedRecord {
    Objects.requireNonNull(setIdentifier, "setIdentifier");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(healthCheckId, "healthCheckId");
    values = List.copyOf(values);
  }

  /** A plain weighted record with a TTL and values, e.g. a CNAME to {@code blue.example.com}. */
  public static WeightedRecord of(String setIdentifier, long weight, long ttl, String... values) {
    return new WeightedRecord(
        setIdentifier,
        weight,
        Optional.of(ttl),
        List.of(values),
        Optional.empty(),
        Optional.empty());
  }

  public WeightedRecord withWeight(long newWeight) {
    return new WeightedRecord(setIdentifier, newWeight, ttl, values, alias, healthCheckId);
  }

  /** How long resolvers may keep the old answer; zero for an alias record. */
  public Duration ttlDuration() {
    return ttl.map(Duration::ofSeconds).orElse(Duration.ZERO);
  }

  /** {@code blue.example.com} or {@code alias dualstack.lb.amazonaws.com.}. */
  public String target() {
    return alias.map(a -> "alias " + a.dnsName()).orElseGet(() -> String.join(", ", values));
  }
}
