package dev.shipmate.pipelines.cutover;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@link Route53Gateway} on the AWS SDK v2's synchronous {@link Route53Client}.
 *
 * <p>The pair is found by listing from the record's name and type (ListResourceRecordSets is
 * ordered by name, type, then set identifier) and following {@code NextRecordName}, {@code
 * NextRecordType} and {@code NextRecordIdentifier} until the listing moves past them.
 */
public final class AwsRoute53Gateway implements Route53Gateway {

  /** Route53's own largest page. */
  static final int DEFAULT_PAGE_SIZE = 300;

  private static final String CHANGE_PREFIX = "/change/";

  private final Route53Client route53;
  private final int pageSize;

  public AwsRoute53Gateway(Route53Client route53) {
    this(route53, DEFAULT_PAGE_SIZE);
  }

  AwsRoute53Gateway(Route53Client route53, int pageSize) {
    this.route53 = Objects.requireNonNull(route53, "route53");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    this.pageSize = pageSize;
  }

  /**
   * A client built from the standard AWS environment: credentials from the default chain, the
   * endpoint from {@code AWS_ENDPOINT_URL_ROUTE_53} or {@code AWS_ENDPOINT_URL} when set (the SDK
   * reads them itself), region {@code aws-global}. The SDK's standard retries absorb a short run of
   * {@code Throttling}, {@code PriorRequestNotComplete} and 5xx answers with its own backoff; what
   * outlasts them reaches the engine, which retries the step later.
   */
  public static Route53Client clientFromEnvironment() {
    return Route53Client.builder()
        .region(Region.AWS_GLOBAL)
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
        .build();
  }

  /**
   * A client for a Route53 at {@code endpoint} with static credentials: the sandbox's stand-in in
   * local mode and tests. The SDK's standard retries as in {@link #clientFromEnvironment()}.
   */
  public static Route53Client clientAt(URI endpoint, String accessKeyId, String secretAccessKey) {
    return Route53Client.builder()
        .endpointOverride(endpoint)
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
        .build();
  }

  @Override
  public WeightedPair readPair(RecordPairRef ref) {
    List<ResourceRecordSet> sets = recordSets(ref);
    if (sets.isEmpty()) {
      throw new CutoverRefusedException(
          "there is no "
              + ref.describe()
              + ": create two weighted records with set identifiers '"
              + ref.blue()
              + "' and '"
              + ref.green()
              + "', or correct cutovers.*.record and type in the configuration.");
    }
    if (sets.stream().anyMatch(set -> set.setIdentifier() == null)) {
      // Route53 lets a simple record stand alone only: no weighted twin can exist beside it.
      throw new CutoverRefusedException(
          ref.describe()
              + " is a simple record, not a weighted one: a cutover needs two weighted records"
              + " with set identifiers '"
              + ref.blue()
              + "' and '"
              + ref.green()
              + "'.");
    }
    Optional<ResourceRecordSet> blue = find(sets, ref.blue());
    Optional<ResourceRecordSet> green = find(sets, ref.green());
    List<String> problems = new ArrayList<>();
    missingOrNotWeighted(ref, ref.blue(), "blue", blue).ifPresent(problems::add);
    missingOrNotWeighted(ref, ref.green(), "green", green).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new CutoverRefusedException(problems);
    }
    return new WeightedPair(ref, record(blue.orElseThrow()), record(green.orElseThrow()));
  }

  @Override
  public String applyWeights(WeightedPair pair, Weights weights, String comment) {
    RecordPairRef ref = pair.ref();
    List<Change> changes =
        List.of(
            upsert(ref, pair.blue().withWeight(weights.blue())),
            upsert(ref, pair.green().withWeight(weights.green())));
    ChangeInfo info =
        route53
            .changeResourceRecordSets(
                r ->
                    r.hostedZoneId(ref.zoneId())
                        .changeBatch(b -> b.comment(comment).changes(changes)))
            .changeInfo();
    return stripChangePrefix(info.id());
  }

  @Override
  public ChangeStatus changeStatus(String changeId) {
    ChangeInfo info = route53.getChange(r -> r.id(stripChangePrefix(changeId))).changeInfo();
    return switch (info.status()) {
      case INSYNC -> ChangeStatus.INSYNC;
      case PENDING -> ChangeStatus.PENDING;
      // A status this SDK does not know yet: treat it as not done, and poll again.
      default -> ChangeStatus.PENDING;
    };
  }

  /** Every record set with the pair's name and type, across as many pages as it takes. */
  private List<ResourceRecordSet> recordSets(RecordPairRef ref) {
    List<ResourceRecordSet> found = new ArrayList<>();
    ListResourceRecordSetsRequest request =
        ListResourceRecordSetsRequest.builder()
            .hostedZoneId(ref.zoneId())
            .startRecordName(ref.name())
            .startRecordType(ref.type())
            .maxItems(Integer.toString(pageSize))
            .build();
    while (true) {
      ListResourceRecordSetsResponse page = route53.listResourceRecordSets(request);
      for (ResourceRecordSet set : page.resourceRecordSets()) {
        if (!matches(ref, set)) {
          // Listed in order: once past the name and type, nothing further can match.
          return found;
        }
        found.add(set);
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return found;
      }
      request =
          request.toBuilder()
              .startRecordName(page.nextRecordName())
              .startRecordType(page.nextRecordType())
              .startRecordIdentifier(page.nextRecordIdentifier())
              .build();
    }
  }

  private static boolean matches(RecordPairRef ref, ResourceRecordSet set) {
    return RecordPairRef.normalizeName(set.name()).equals(ref.name())
        && ref.type().equals(set.typeAsString());
  }

  private static Optional<ResourceRecordSet> find(List<ResourceRecordSet> sets, String id) {
    return sets.stream().filter(s -> id.equals(s.setIdentifier())).findFirst();
  }

  private static Optional<String> missingOrNotWeighted(
      RecordPairRef ref, String setIdentifier, String side, Optional<ResourceRecordSet> set) {
    if (set.isEmpty()) {
      return Optional.of(
          ref.describe()
              + " has no record with set identifier '"
              + setIdentifier
              + "' (the "
              + side
              + " side): create it as a weighted record (weight 0 is fine), or correct cutovers.*."
              + side
              + " in the configuration.");
    }
    if (set.get().weight() == null) {
      return Optional.of(
          "the '"
              + setIdentifier
              + "' record of "
              + ref.describe()
              + " uses another routing policy, not weighted routing: a cutover only moves weights.");
    }
    return Optional.empty();
  }

  private static WeightedRecord record(ResourceRecordSet set) {
    return new WeightedRecord(
        set.setIdentifier(),
        set.weight(),
        Optional.ofNullable(set.ttl()),
        set.resourceRecords().stream().map(ResourceRecord::value).toList(),
        Optional.ofNullable(set.aliasTarget())
            .map(a -> new AliasTarget(a.hostedZoneId(), a.dnsName(), a.evaluateTargetHealth())),
        Optional.ofNullable(set.healthCheckId()));
  }

  private static Change upsert(RecordPairRef ref, WeightedRecord record) {
    ResourceRecordSet.Builder set =
        ResourceRecordSet.builder()
            .name(ref.name())
            .type(ref.type())
            .setIdentifier(record.setIdentifier())
            .weight(record.weight());
    record.ttl().ifPresent(set::ttl);
    if (!record.values().isEmpty()) {
      set.resourceRecords(
          record.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
    }
    record
        .alias()
        .ifPresent(
            a ->
                set.aliasTarget(
                    t ->
                        t.hostedZoneId(a.hostedZoneId())
                            .dnsName(a.dnsName())
                            .evaluateTargetHealth(a.evaluateTargetHealth())));
    record.healthCheckId().ifPresent(set::healthCheckId);
    return Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(set.build()).build();
  }

  private static String stripChangePrefix(String id) {
    return id.startsWith(CHANGE_PREFIX) ? id.substring(CHANGE_PREFIX.length()) : id;
  }
}
