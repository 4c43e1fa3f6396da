package dev.shipmate.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.ThrottlingException;

class Route53IT {

  private final SimulationClock clock =
      SimulationClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
  private SimulatedAws aws;
  private SimulatedRoute53 route53;
  private Route53Client client;

  @BeforeEach
  void start() {
    aws = SimulatedAws.start(clock);
    route53 = aws.route53();
    route53.createHostedZone("Z0EXAMPLE", "example.com");
    route53.putWeightedRecord(
        "Z0EXAMPLE", "www.example.com.", "CNAME", "blue", 100, 60, "blue.example.com");
    route53.putWeightedRecord(
        "Z0EXAMPLE", "www.example.com.", "CNAME", "green", 0, 60, "green.example.com");
    client = AwsClients.route53(aws.endpoint());
  }

  @AfterEach
  void stop() {
    client.close();
    aws.close();
  }

  private static ResourceRecordSet weighted(String id, long weight, String value) {
    return ResourceRecordSet.builder()
        .name("www.example.com.")
        .type(RRType.CNAME)
        .setIdentifier(id)
        .weight(weight)
        .ttl(60L)
        .resourceRecords(ResourceRecord.builder().value(value).build())
        .build();
  }

  private ChangeResourceRecordSetsResponse change(Route53Client sdk, Change... changes) {
    return sdk.changeResourceRecordSets(
        r -> r.hostedZoneId("Z0EXAMPLE").changeBatch(b -> b.comment("cutover").changes(changes)));
  }

  @Test
  @DisplayName("the SDK reads the seeded zone and its weighted records as Route53 returns them")
  void readsZoneAndRecords() {
    var zone = client.getHostedZone(r -> r.id("Z0EXAMPLE"));
    assertThat(zone.hostedZone().id()).isEqualTo("Z0EXAMPLE");
    assertThat(zone.hostedZone().name()).isEqualTo("example.com.");
    assertThat(zone.delegationSet().nameServers()).hasSize(4);
    assertThat(client.listHostedZones().hostedZones())
        .extracting(z -> z.name())
        .containsExactly("example.com.");

    ListResourceRecordSetsResponse records =
        client.listResourceRecordSets(
            r ->
                r.hostedZoneId("Z0EXAMPLE")
                    .startRecordName("www.example.com.")
                    .startRecordType(RRType.CNAME));
    assertThat(records.resourceRecordSets())
        .extracting(ResourceRecordSet::setIdentifier, ResourceRecordSet::weight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("blue", 100L),
            org.assertj.core.groups.Tuple.tuple("green", 0L));
    assertThat(records.isTruncated()).isFalse();
  }

  @Test
  @DisplayName("listing pages with MaxItems and NextRecord* until every record has been seen once")
  void pagesThroughRecords() {
    ListResourceRecordSetsResponse first =
        client.listResourceRecordSets(r -> r.hostedZoneId("Z0EXAMPLE").maxItems("3"));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.resourceRecordSets())
        .extracting(ResourceRecordSet::typeAsString)
        .containsExactly("NS", "SOA", "CNAME");
    assertThat(first.nextRecordName()).isEqualTo("www.example.com.");
    assertThat(first.nextRecordType()).isEqualTo(RRType.CNAME);
    assertThat(first.nextRecordIdentifier()).isEqualTo("green");

    ListResourceRecordSetsResponse second =
        client.listResourceRecordSets(
            r ->
                r.hostedZoneId("Z0EXAMPLE")
                    .maxItems("3")
                    .startRecordName(first.nextRecordName())
                    .startRecordType(first.nextRecordType())
                    .startRecordIdentifier(first.nextRecordIdentifier()));
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.resourceRecordSets())
        .extracting(ResourceRecordSet::setIdentifier)
        .containsExactly("green");
    assertThat(
            client
                .listResourceRecordSetsPaginator(r -> r.hostedZoneId("Z0EXAMPLE").maxItems("1"))
                .resourceRecordSets()
                .stream()
                .count())
        .isEqualTo(4);
  }

  @Test
  @DisplayName(
      "a change batch applies at once and its change is PENDING until the propagation delay passes, then INSYNC")
  void changeGoesInSyncAfterTheDelay() {
    ChangeResourceRecordSetsResponse response =
        change(
            client,
            Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(weighted("blue", 75, "blue.example.com"))
                .build(),
            Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(weighted("green", 25, "green.example.com"))
                .build());

    assertThat(response.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
    assertThat(response.changeInfo().id()).startsWith("C0SANDBOX");
    assertThat(route53.weights("Z0EXAMPLE", "www.example.com.", "CNAME"))
        .containsEntry("blue", 75L)
        .containsEntry("green", 25L);
    String id = response.changeInfo().id();

    clock.advance(Duration.ofSeconds(29));
    assertThat(client.getChange(r -> r.id(id)).changeInfo().status())
        .isEqualTo(ChangeStatus.PENDING);
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.getChange(r -> r.id(id)).changeInfo().status())
        .isEqualTo(ChangeStatus.INSYNC);
  }

  @Test
  @DisplayName(
      "an invalid batch is refused whole with InvalidChangeBatchException naming every problem")
  void invalidBatchChangesNothing() {
    assertThatThrownBy(
            () ->
                change(
                    client,
                    Change.builder()
                        .action(ChangeAction.UPSERT)
                        .resourceRecordSet(weighted("blue", 0, "blue.example.com"))
                        .build(),
                    Change.builder()
                        .action(ChangeAction.CREATE)
                        .resourceRecordSet(weighted("green", 100, "green.example.com"))
                        .build(),
                    Change.builder()
                        .action(ChangeAction.DELETE)
                        .resourceRecordSet(weighted("red", 1, "red.example.com"))
                        .build()))
        .isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining(
            "Tried to create resource record set [name='www.example.com.', type='CNAME', set-identifier='green'] but it already exists")
        .hasMessageContaining(
            "Tried to delete resource record set [name='www.example.com.', type='CNAME', set-identifier='red'] but it was not found");

    assertThat(route53.weights("Z0EXAMPLE", "www.example.com.", "CNAME"))
        .containsEntry("blue", 100L)
        .containsEntry("green", 0L);
    assertThat(route53.changes()).isEmpty();
  }

  @Test
  @DisplayName(
      "a DELETE must match the record exactly, and a non-weighted record cannot join weighted ones")
  void deleteMustMatchAndNoMixing() {
    assertThatThrownBy(
            () ->
                change(
                    client,
                    Change.builder()
                        .action(ChangeAction.DELETE)
                        .resourceRecordSet(weighted("blue", 50, "blue.example.com"))
                        .build()))
        .isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining("but the values provided do not match the current values");
    ResourceRecordSet simple =
        ResourceRecordSet.builder()
            .name("www.example.com.")
            .type(RRType.CNAME)
            .ttl(60L)
            .resourceRecords(ResourceRecord.builder().value("x.example.com").build())
            .build();
    assertThatThrownBy(
            () ->
                change(
                    client,
                    Change.builder().action(ChangeAction.CREATE).resourceRecordSet(simple).build()))
        .isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining(
            "cannot be created as weighted sets exist with the same name and type");
  }

  @Test
  @DisplayName("weights outside 0–255 and weights without a set identifier are invalid input")
  void weightRules() {
    assertThatThrownBy(
            () ->
                change(
                    client,
                    Change.builder()
                        .action(ChangeAction.UPSERT)
                        .resourceRecordSet(weighted("blue", 256, "blue.example.com"))
                        .build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("less than or equal to 255");
    ResourceRecordSet noIdentifier =
        weighted("blue", 10, "blue.example.com").toBuilder().setIdentifier(null).build();
    assertThatThrownBy(
            () ->
                change(
                    client,
                    Change.builder()
                        .action(ChangeAction.UPSERT)
                        .resourceRecordSet(noIdentifier)
                        .build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Missing field 'SetIdentifier'");
  }

  @Test
  @DisplayName("an unknown zone is NoSuchHostedZoneException")
  void unknownZone() {
    assertThatThrownBy(() -> client.getHostedZone(r -> r.id("ZNOPE")))
        .isInstanceOf(NoSuchHostedZoneException.class)
        .hasMessageContaining("No hosted zone found with ID: ZNOPE");
  }

  @Test
  @DisplayName("throttling on the first two calls: the SDK's own retries get through on the third")
  void throttlingThenSuccess() {
    route53.faults().failNext("ChangeResourceRecordSets", 2, AwsFault.THROTTLING);

    ChangeResourceRecordSetsResponse response =
        change(
            client,
            Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(weighted("green", 10, "green.example.com"))
                .build());

    assertThat(response.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
    assertThat(route53.weights("Z0EXAMPLE", "www.example.com.", "CNAME"))
        .containsEntry("green", 10L);
  }

  @Test
  @DisplayName(
      "without SDK retries, injected faults surface as Route53's throttling errors, typed where the SDK types them")
  void typedFaults() {
    try (Route53Client noRetries =
        Route53Client.builder()
            .endpointOverride(aws.endpoint())
            .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
            .credentialsProvider(AwsClients.credentials())
            .overrideConfiguration(
                c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
            .build()) {
      route53.faults().failNext("ChangeResourceRecordSets", 1, AwsFault.THROTTLING);
      route53.faults().failNext("ListHostedZones", 1, AwsFault.THROTTLING_EXCEPTION);
      route53.faults().failNext("GetHostedZone", 1, AwsFault.PRIOR_REQUEST_NOT_COMPLETE);
      Change upsert =
          Change.builder()
              .action(ChangeAction.UPSERT)
              .resourceRecordSet(weighted("green", 10, "green.example.com"))
              .build();

      assertThatThrownBy(() -> change(noRetries, upsert))
          .isInstanceOfSatisfying(
              Route53Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.isThrottlingException()).isTrue();
              })
          .hasMessageContaining("Rate exceeded");
      assertThatThrownBy(noRetries::listHostedZones).isInstanceOf(ThrottlingException.class);
      assertThatThrownBy(() -> noRetries.getHostedZone(r -> r.id("Z0EXAMPLE")))
          .isInstanceOf(PriorRequestNotCompleteException.class);
      assertThat(route53.weights("Z0EXAMPLE", "www.example.com.", "CNAME"))
          .containsEntry("green", 0L);
      assertThat(change(noRetries, upsert).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
      assertThat(List.of(route53.changes().size())).containsExactly(1);
    }
  }
}
