package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.aws.AwsFault;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.route53.ResourceRecordSet;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** The gateway on the real SDK client, against the sandbox's Route53 stand-in. */
class AwsRoute53GatewayIT {
  private static final String ZONE = "Z0EXAMPLE";
  private static final String WWW = "www.example.com.";

  private final SimulationClock clock =
      SimulationClock.startingAt(Instant.parse("2026-11-21T10:00:00Z"));
  private final Route53ExceptionClassifier classifier = new Route53ExceptionClassifier();
  private SimulatedAws aws;
  private SimulatedRoute53 route53;
  private Route53Client client;
  private AwsRoute53Gateway gateway;

  @BeforeEach
  void start() {
    aws = SimulatedAws.start(clock);
    route53 = aws.route53();
    route53.createHostedZone(ZONE, "example.com");
    client = clientWithoutRetries();
    gateway = new AwsRoute53Gateway(client);
  }

  @AfterEach
  void stop() {
    client.close();
    aws.close();
  }

  /** The real SDK client without its own retries, so that each throttled call shows. */
  private Route53Client clientWithoutRetries() {
    return Route53Client.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    SimulatedAws.ACCESS_KEY_ID, SimulatedAws.SECRET_ACCESS_KEY)))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private void seedPair(long blue, long green) {
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "blue", blue, 60, "blue.example.com");
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "green", green, 300, "green.example.com");
  }

  private static RecordPairRef www() {
    return new RecordPairRef("/hostedzone/" + ZONE, "WWW.example.com", "cname", "blue", "green");
  }

  @Test
  @DisplayName("reads the weighted pair with its weights, TTLs and values")
  void readsPair() {
    seedPair(100, 0);

    WeightedPair pair = gateway.readPair(www());

    assertThat(pair.ref()).isEqualTo(Pairs.WWW);
    assertThat(pair.blue()).isEqualTo(WeightedRecord.of("blue", 100, 60, "blue.example.com"));
    assertThat(pair.green()).isEqualTo(WeightedRecord.of("green", 0, 300, "green.example.com"));
    assertThat(pair.ttl()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  @DisplayName("follows the listing page by page, by name, type and set identifier")
  void paginates() {
    route53.putWeightedRecord(ZONE, "api.example.com.", "CNAME", "blue", 1, 60, "a.example.com");
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "alpha", 5, 60, "alpha.example.com");
    seedPair(75, 25);
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "canary", 0, 60, "canary.example.com");
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "delta", 0, 60, "delta.example.com");
    route53.putWeightedRecord(ZONE, "www2.example.com.", "CNAME", "green", 9, 60, "x.example");
    AwsRoute53Gateway onePerPage = new AwsRoute53Gateway(client, 1);

    WeightedPair pair = onePerPage.readPair(www());

    assertThat(pair.weights()).isEqualTo(new Weights(75, 25));
    assertThat(pair.green().values()).containsExactly("green.example.com");
  }

  @Test
  @DisplayName("refuses a pair with a side missing, saying which and what to do")
  void missingSide() {
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "blue", 100, 60, "blue.example.com");

    assertThatThrownBy(() -> gateway.readPair(www()))
        .isInstanceOf(CutoverRefusedException.class)
        .hasMessage(
            "www.example.com. CNAME in zone Z0EXAMPLE has no record with set identifier 'green'"
                + " (the green side): create it as a weighted record (weight 0 is fine), or"
                + " correct cutovers.*.green in the configuration.");
  }

  @Test
  @DisplayName("refuses a record that does not exist, or is not weighted")
  void missingOrSimple() {
    assertThatThrownBy(() -> gateway.readPair(www()))
        .isInstanceOf(CutoverRefusedException.class)
        .hasMessageStartingWith("there is no www.example.com. CNAME in zone Z0EXAMPLE");

    route53.putRecord(ZONE, ResourceRecordSet.simple(WWW, "CNAME", 60, "blue.example.com"));

    assertThatThrownBy(() -> gateway.readPair(www()))
        .isInstanceOf(CutoverRefusedException.class)
        .hasMessageContaining("is a simple record, not a weighted one");
  }

  @Test
  @DisplayName("a zone that does not exist is NoSuchHostedZone, permanent for the engine")
  void noSuchZone() {
    Throwable thrown =
        catchThrowable(
            () -> gateway.readPair(new RecordPairRef("Z0NOPE", WWW, "CNAME", "blue", "green")));

    assertThat(thrown).isInstanceOf(NoSuchHostedZoneException.class);
    assertThat(classifier.classify(thrown).orElseThrow().kind()).isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  @DisplayName("applies both weights in one batch, keeping TTLs and values; PENDING, then INSYNC")
  void appliesAtomically() {
    seedPair(100, 0);
    route53.setPropagationDelay(Duration.ofSeconds(30));
    WeightedPair pair = gateway.readPair(www());

    String changeId = gateway.applyWeights(pair, Weights.ofGreenPercent(25), "cutover www 25%");

    assertThat(changeId).doesNotStartWith("/change/");
    assertThat(route53.changes()).hasSize(1);
    assertThat(route53.changes().get(0).comment()).isEqualTo("cutover www 25%");
    assertThat(route53.weights(ZONE, WWW, "CNAME")).isEqualTo(Map.of("blue", 75L, "green", 25L));
    assertThat(gateway.readPair(www())).isEqualTo(pair.with(new Weights(75, 25)));
    assertThat(gateway.changeStatus(changeId)).isEqualTo(ChangeStatus.PENDING);

    clock.advance(Duration.ofSeconds(30));

    assertThat(gateway.changeStatus(changeId)).isEqualTo(ChangeStatus.INSYNC);
  }

  @Test
  @DisplayName("an invalid batch is rejected whole with the typed exception: neither weight moves")
  void invalidBatchRejectedWhole() {
    seedPair(100, 0);
    WeightedPair read = gateway.readPair(www());
    // Green as no Route53 can hold it: a CNAME with two values.
    WeightedPair invalid =
        new WeightedPair(
            read.ref(),
            read.blue(),
            new WeightedRecord(
                "green",
                0,
                Optional.of(300L),
                List.of("green.example.com", "green2.example.com"),
                Optional.empty(),
                Optional.empty()));

    Throwable thrown =
        catchThrowable(() -> gateway.applyWeights(invalid, Weights.ofGreenPercent(25), "bad"));

    assertThat(thrown).isInstanceOf(InvalidChangeBatchException.class);
    assertThat(classifier.classify(thrown).orElseThrow())
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FailureKind.PERMANENT);
              assertThat(f.message())
                  .contains("changed nothing")
                  .contains("contains more than one value");
            });
    assertThat(route53.weights(ZONE, WWW, "CNAME")).isEqualTo(Map.of("blue", 100L, "green", 0L));
    assertThat(route53.changes()).isEmpty();
  }

  @Test
  @DisplayName(
      "throttled twice without SDK retries: each call surfaces as transient, the third applies")
  void throttlingSurfacesAsTransient() {
    seedPair(100, 0);
    WeightedPair pair = gateway.readPair(www());
    route53.faults().failNext("ChangeResourceRecordSets", 1, AwsFault.THROTTLING);
    route53.faults().failNext("ChangeResourceRecordSets", 1, AwsFault.PRIOR_REQUEST_NOT_COMPLETE);

    for (int attempt = 1; attempt <= 2; attempt++) {
      Throwable thrown =
          catchThrowable(() -> gateway.applyWeights(pair, Weights.ofGreenPercent(25), "try"));
      assertThat(thrown).isInstanceOf(Route53Exception.class);
      assertThat(classifier.classify(thrown).orElseThrow().kind()).isEqualTo(FailureKind.TRANSIENT);
      assertThat(route53.weights(ZONE, WWW, "CNAME")).containsEntry("green", 0L);
    }
    gateway.applyWeights(pair, Weights.ofGreenPercent(25), "try");

    assertThat(route53.changes()).hasSize(1);
    assertThat(route53.weights(ZONE, WWW, "CNAME")).containsEntry("green", 25L);
  }

  @Test
  @DisplayName(
      "the client built from the standard AWS settings finds the endpoint, and its retries absorb"
          + " two throttled calls")
  void clientFromEnvironment() {
    seedPair(100, 0);
    Map<String, String> settings =
        Map.of(
            "aws.endpointUrl", aws.endpoint().toString(),
            "aws.accessKeyId", SimulatedAws.ACCESS_KEY_ID,
            "aws.secretAccessKey", SimulatedAws.SECRET_ACCESS_KEY);
    settings.forEach(System::setProperty);
    try (Route53Client standard = AwsRoute53Gateway.clientFromEnvironment()) {
      AwsRoute53Gateway fromEnvironment = new AwsRoute53Gateway(standard);
      WeightedPair pair = fromEnvironment.readPair(www());
      route53.faults().failNext("ChangeResourceRecordSets", 2, AwsFault.THROTTLING);

      fromEnvironment.applyWeights(pair, Weights.ofGreenPercent(50), "cutover www 50%");
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }

    assertThat(route53.changes()).hasSize(1);
    assertThat(route53.weights(ZONE, WWW, "CNAME")).isEqualTo(Map.of("blue", 50L, "green", 50L));
  }
}
