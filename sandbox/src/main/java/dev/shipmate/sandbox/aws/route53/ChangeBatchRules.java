package dev.shipmate.sandbox.aws.route53;

import dev.shipmate.sandbox.aws.AwsError;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Route53's rules for one change of a batch, worded as Route53 words them. Input errors ({@code
 * InvalidInput}) stop the batch at once, as Route53's request validation does; conflicts with the
 * zone's records are collected and reported together as one {@code InvalidChangeBatch}.
 */
final class ChangeBatchRules {

  private static final long MAX_WEIGHT = 255;

  private ChangeBatchRules() {}

  /**
   * @throws AwsError {@code InvalidInput} for a change that is malformed whatever the zone holds
   */
  static void checkInput(Change change, int position) {
    ResourceRecordSet record = change.recordSet();
    String where =
        "in Change with [Action="
            + change.action()
            + ", Name="
            + record.name()
            + ", Type="
            + record.type()
            + (record.setIdentifier() == null ? "" : ", SetIdentifier=" + record.setIdentifier())
            + "]";
    if (record.weight() != null && (record.weight() < 0 || record.weight() > MAX_WEIGHT)) {
      throw AwsError.badRequest(
          "InvalidInput",
          "1 validation error detected: Value '"
              + record.weight()
              + "' at 'changeBatch.changes."
              + position
              + ".member.resourceRecordSet.weight' failed to satisfy constraint: Member must have"
              + (record.weight() < 0
                  ? " value greater than or equal to 0"
                  : " value less than or equal to 255"));
    }
    if (record.weight() != null && record.setIdentifier() == null) {
      throw AwsError.badRequest(
          "InvalidInput", "Invalid request: Missing field 'SetIdentifier' " + where);
    }
    if (record.setIdentifier() != null && record.weight() == null) {
      throw AwsError.badRequest(
          "InvalidInput",
          "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation,"
              + " MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none "
              + where);
    }
    if (record.ttl() == null || record.values().isEmpty()) {
      throw AwsError.badRequest(
          "InvalidInput",
          "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and"
              + " ResourceRecords], or TrafficPolicyInstanceId], but found none "
              + where);
    }
  }

  /**
   * Applies one change to the working copy of the zone's records.
   *
   * @return why the change cannot be made, in Route53's words; empty when it was applied
   */
  static Optional<String> apply(
      String zoneName, NavigableMap<RecordKey, ResourceRecordSet> records, Change change) {
    ResourceRecordSet record = change.recordSet();
    RecordKey key = record.key();
    if (!record.name().equals(zoneName) && !record.name().endsWith("." + zoneName)) {
      return Optional.of(
          "RRSet with DNS name " + record.name() + " is not permitted in zone " + zoneName);
    }
    ResourceRecordSet existing = records.get(key);
    switch (change.action()) {
      case DELETE -> {
        if (existing == null) {
          return Optional.of(
              "Tried to delete resource record set " + key.describe() + " but it was not found");
        }
        if (!existing.equals(record)) {
          return Optional.of(
              "Tried to delete resource record set "
                  + key.describe()
                  + " but the values provided do not match the current values");
        }
        records.remove(key);
        return Optional.empty();
      }
      case CREATE -> {
        if (existing != null) {
          return Optional.of(
              "Tried to create resource record set " + key.describe() + " but it already exists");
        }
        Optional<String> conflict = conflict(zoneName, records, record);
        if (conflict.isPresent()) {
          return conflict;
        }
      }
      case UPSERT -> {
        if (existing == null) {
          Optional<String> conflict = conflict(zoneName, records, record);
          if (conflict.isPresent()) {
            return conflict;
          }
        }
      }
    }
    if ("CNAME".equals(record.type()) && record.values().size() > 1) {
      return Optional.of(
          "RRSet of type CNAME with DNS name " + record.name() + " contains more than one value");
    }
    records.put(key, record);
    return Optional.empty();
  }

  /** A new record may not mix with records of the same name it cannot live beside. */
  private static Optional<String> conflict(
      String zoneName,
      NavigableMap<RecordKey, ResourceRecordSet> records,
      ResourceRecordSet record) {
    for (ResourceRecordSet other : records.values()) {
      if (!other.name().equals(record.name())) {
        continue;
      }
      if (other.type().equals(record.type())) {
        if (record.isWeighted() && !other.isWeighted()) {
          return Optional.of(
              "RRSet with DNS name "
                  + record.name()
                  + ", type "
                  + record.type()
                  + " cannot be created as a non-weighted set exists with the same name and"
                  + " type.");
        }
        if (!record.isWeighted() && other.isWeighted()) {
          return Optional.of(
              "RRSet with DNS name "
                  + record.name()
                  + ", type "
                  + record.type()
                  + " cannot be created as weighted sets exist with the same name and type.");
        }
      } else if ("CNAME".equals(record.type()) || "CNAME".equals(other.type())) {
        return Optional.of(
            "RRSet of type "
                + record.type()
                + " with DNS name "
                + record.name()
                + " is not permitted because a conflicting RRSet of type "
                + other.type()
                + " with the same DNS name already exists in zone "
                + zoneName);
      }
    }
    return Optional.empty();
  }
}
