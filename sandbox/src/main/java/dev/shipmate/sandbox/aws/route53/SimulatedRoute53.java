package dev.shipmate.sandbox.aws.route53;

import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Route53's state and rules: hosted zones, record sets, atomic change batches with Route53's own
 * validation, and changes that stay {@code PENDING} for a propagation delay on the simulation
 * clock. {@link Route53Api} puts it on HTTP; tests and seeding call it directly.
 */
public final class SimulatedRoute53 {

  /** How long a change stays PENDING unless told otherwise: Route53 usually takes under 60 s. */
  public static final Duration DEFAULT_PROPAGATION = Duration.ofSeconds(30);

  private static final class Zone {
    final String id;
    final String name;
    final String callerReference;
    final boolean privateZone;
    final NavigableMap<RecordKey, ResourceRecordSet> records = new TreeMap<>();

    Zone(String id, String name, String callerReference, boolean privateZone) {
      this.id = id;
      this.name = name;
      this.callerReference = callerReference;
      this.privateZone = privateZone;
    }
  }

  private record SubmittedChange(String id, Instant submittedAt, String comment, String zoneId) {}

  private final Clock clock;
  private final FaultPlan faults = new FaultPlan();
  private final Map<String, Zone> zones = new LinkedHashMap<>();
  private final Map<String, SubmittedChange> changes = new LinkedHashMap<>();
  private volatile Duration propagation = DEFAULT_PROPAGATION;
  private long changeCount;

  public SimulatedRoute53(Clock clock) {
    this.clock = clock;
  }

  /**
   * Failures to answer on the next calls of an operation ({@code ChangeResourceRecordSets}, ...).
   */
  public FaultPlan faults() {
    return faults;
  }

  /** How long a change stays PENDING before GetChange reports INSYNC. */
  public void setPropagationDelay(Duration delay) {
    this.propagation = delay;
  }

  /** Seeds a public hosted zone, e.g. {@code createHostedZone("Z0EXAMPLE", "example.com")}. */
  public synchronized HostedZone createHostedZone(String id, String name) {
    String zoneName = ResourceRecordSet.normalizeName(name);
    if (zones.containsKey(id)) {
      throw new IllegalArgumentException("a hosted zone " + id + " already exists");
    }
    Zone zone = new Zone(id, zoneName, "sandbox-" + id, false);
    zone.records.put(
        new RecordKey(zoneName, "NS", null),
        ResourceRecordSet.simple(zoneName, "NS", 172800, nameServers(id).toArray(String[]::new)));
    zone.records.put(
        new RecordKey(zoneName, "SOA", null),
        ResourceRecordSet.simple(
            zoneName,
            "SOA",
            900,
            nameServers(id).get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
    zones.put(id, zone);
    return describe(zone);
  }

  /** Seeds a record set, replacing one with the same name, type and set identifier. */
  public synchronized void putRecord(String zoneId, ResourceRecordSet record) {
    Zone zone = zone(zoneId);
    zone.records.put(record.key(), record);
  }

  /**
   * Seeds one weighted record, e.g. {@code putWeightedRecord("Z0EXAMPLE", "www.example.com.",
   * "CNAME", "blue", 100, 60, "blue.example.com")}.
   */
  public void putWeightedRecord(
      String zoneId,
      String name,
      String type,
      String setIdentifier,
      long weight,
      long ttl,
      String... values) {
    putRecord(zoneId, ResourceRecordSet.weighted(name, type, setIdentifier, weight, ttl, values));
  }

  /**
   * @throws AwsError {@code NoSuchHostedZone}
   */
  public synchronized HostedZone hostedZone(String zoneId) {
    return describe(zone(zoneId));
  }

  public synchronized List<HostedZone> hostedZones() {
    return zones.values().stream().map(this::describe).toList();
  }

  /** Every record set of the zone, in Route53's listing order. */
  public synchronized List<ResourceRecordSet> records(String zoneId) {
    return List.copyOf(zone(zoneId).records.values());
  }

  public synchronized Optional<ResourceRecordSet> record(
      String zoneId, String name, String type, String setIdentifier) {
    return Optional.ofNullable(
        zone(zoneId)
            .records
            .get(new ResourceRecordSet(name, type, setIdentifier, null, null, null).key()));
  }

  /**
   * The weight of each set identifier of a weighted name and type, e.g. {@code {blue=100,
   * green=0}}.
   */
  public synchronized Map<String, Long> weights(String zoneId, String name, String type) {
    Map<String, Long> weights = new LinkedHashMap<>();
    for (ResourceRecordSet record : zone(zoneId).records.values()) {
      if (record.isWeighted()
          && record.name().equals(ResourceRecordSet.normalizeName(name))
          && record.type().equalsIgnoreCase(type)) {
        weights.put(record.setIdentifier(), record.weight());
      }
    }
    return weights;
  }

  /**
   * Applies a change batch whole, or nothing of it.
   *
   * @throws AwsError {@code NoSuchHostedZone}, {@code InvalidChangeBatch} (every problem of the
   *     batch, as Route53 lists them) or {@code InvalidInput}
   */
  public synchronized ChangeInfo changeResourceRecordSets(
      String zoneId, String comment, List<Change> batch) {
    Zone zone = zone(zoneId);
    if (batch.isEmpty()) {
      throw AwsError.badRequest(
          "InvalidInput",
          "1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy"
              + " constraint: Member must have length greater than or equal to 1");
    }
    NavigableMap<RecordKey, ResourceRecordSet> working = new TreeMap<>(zone.records);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      ChangeBatchRules.checkInput(batch.get(i), i + 1);
      ChangeBatchRules.apply(zone.name, working, batch.get(i)).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw AwsError.badRequest("InvalidChangeBatch", String.valueOf(problems));
    }
    zone.records.clear();
    zone.records.putAll(working);
    String id = String.format("C0SANDBOX%07d", ++changeCount);
    SubmittedChange change = new SubmittedChange(id, clock.instant(), comment, zoneId);
    changes.put(id, change);
    return info(change);
  }

  /**
   * @throws AwsError {@code NoSuchChange}
   */
  public synchronized ChangeInfo change(String changeId) {
    SubmittedChange change = changes.get(stripPrefix(changeId, "/change/"));
    if (change == null) {
      throw AwsError.notFound(
          "NoSuchChange", "A change with the specified change ID does not exist.");
    }
    return info(change);
  }

  /** Every change submitted so far, oldest first. */
  public synchronized List<ChangeInfo> changes() {
    return changes.values().stream().map(this::info).toList();
  }

  private ChangeInfo info(SubmittedChange change) {
    boolean inSync = !clock.instant().isBefore(change.submittedAt.plus(propagation));
    return new ChangeInfo(
        change.id,
        inSync ? "INSYNC" : "PENDING",
        change.submittedAt,
        change.comment,
        change.zoneId);
  }

  private Zone zone(String zoneId) {
    Zone zone = zones.get(stripPrefix(zoneId, "/hostedzone/"));
    if (zone == null) {
      throw AwsError.notFound(
          "NoSuchHostedZone",
          "No hosted zone found with ID: " + stripPrefix(zoneId, "/hostedzone/"));
    }
    return zone;
  }

  private HostedZone describe(Zone zone) {
    return new HostedZone(
        zone.id,
        zone.name,
        zone.callerReference,
        zone.privateZone,
        zone.records.size(),
        nameServers(zone.id));
  }

  private static List<String> nameServers(String zoneId) {
    int n = Math.floorMod(zoneId.hashCode(), 500);
    return List.of(
        "ns-" + n + ".awsdns-" + (n % 64) + ".com.",
        "ns-" + (n + 500) + ".awsdns-" + (n % 64) + ".net.",
        "ns-" + (n + 1000) + ".awsdns-" + (n % 64) + ".org.",
        "ns-" + (n + 1500) + ".awsdns-" + (n % 64) + ".co.uk.");
  }

  static String stripPrefix(String id, String prefix) {
    return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
  }
}
