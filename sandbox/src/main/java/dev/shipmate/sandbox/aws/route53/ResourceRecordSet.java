package dev.shipmate.sandbox.aws.route53;

import java.util.List;
import java.util.Locale;

/**
 * A record set as Route53 keeps it. Alias records, failover, latency and geo routing are not
 * simulated: a record is simple or weighted.
 *
 * @param name the fully qualified name, lower case, ending with a dot
 * @param setIdentifier null for a simple record
 * @param weight null for a simple record, 0–255 for a weighted one
 * @param ttl seconds
 * @param values the record's values, e.g. {@code blue.example.com}
 */
public record ResourceRecordSet(
    String name, String type, String setIdentifier, Long weight, Long ttl, List<String> values) {

  public ResourceRecordSet {
    name = normalizeName(name);
    type = type == null ? null : type.toUpperCase(Locale.ROOT);
    values = values == null ? List.of() : List.copyOf(values);
  }

  public static ResourceRecordSet simple(String name, String type, long ttl, String... values) {
    return new ResourceRecordSet(name, type, null, null, ttl, List.of(values));
  }

  public static ResourceRecordSet weighted(
      String name, String type, String setIdentifier, long weight, long ttl, String... values) {
    return new ResourceRecordSet(name, type, setIdentifier, weight, ttl, List.of(values));
  }

  public boolean isWeighted() {
    return setIdentifier != null;
  }

  public RecordKey key() {
    return new RecordKey(name, type, setIdentifier);
  }

  public ResourceRecordSet withWeight(long newWeight) {
    return new ResourceRecordSet(name, type, setIdentifier, newWeight, ttl, values);
  }

  /** Route53 treats names case-insensitively and always answers them fully qualified. */
  public static String normalizeName(String name) {
    if (name == null) {
      return null;
    }
    String lower = name.toLowerCase(Locale.ROOT).replace("\\052", "*");
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
