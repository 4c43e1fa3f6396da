package dev.shipmate.pipelines.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.config.AnalysisCheck;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.sandbox.aws.AwsFault;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.cloudwatch.AlarmState;
import dev.shipmate.sandbox.aws.cloudwatch.SimulatedCloudWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * A CloudWatch check's alarm states through the real AWS SDK v2 client (the Query protocol its
 * pinned version speaks) against the sandbox's CloudWatch stand-in, and the stand-in's strictness.
 */
class CloudWatchAlarmsIT {
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-08T10:00:00Z"));
  private static SimulatedAws aws;
  private static SimulatedCloudWatch cloudWatch;
  private static CloudWatchAlarms alarms;
  private static CloudWatchClient sdk;

  @BeforeAll
  static void start() {
    aws = SimulatedAws.start(CLOCK);
    cloudWatch = aws.cloudWatch();
    alarms = CloudWatchAlarms.at(aws.endpoint(), SimulatedAws.REGION);
    sdk =
        CloudWatchClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
  }

  @AfterAll
  static void stop() {
    sdk.close();
    alarms.close();
    aws.close();
  }

  @BeforeEach
  void reset() {
    cloudWatch.faults().clear();
    List.of("web-5xx", "api-5xx").forEach(name -> cloudWatch.deleteAlarm("eu-west-1", name));
  }

  @Test
  @DisplayName("OK and ALARM are measurements; INSUFFICIENT_DATA is inconclusive")
  void states() {
    cloudWatch.setAlarm("eu-west-1", "web-5xx", AlarmState.OK);
    assertThat(alarms.state("web-5xx", Optional.empty()))
        .isInstanceOfSatisfying(Measurement.AlarmState.class, s -> assertThat(s.ok()).isTrue());

    cloudWatch.setAlarm("eu-west-1", "web-5xx", AlarmState.ALARM, "Threshold Crossed: 12 > 5");
    assertThat(alarms.state("web-5xx", Optional.of("eu-west-1")))
        .isEqualTo(
            new Measurement.AlarmState(
                "web-5xx", "ALARM", Optional.of("Threshold Crossed: 12 > 5")));

    cloudWatch.setAlarm("eu-west-1", "web-5xx", AlarmState.INSUFFICIENT_DATA);
    assertThat(alarms.state("web-5xx", Optional.empty()))
        .isEqualTo(new Measurement.Inconclusive("no data (alarm web-5xx is INSUFFICIENT_DATA)"));
    assertThat(cloudWatch.asked()).contains("web-5xx");
  }

  @Test
  @DisplayName("alarms are regional; one that does not exist there makes the check unusable")
  void regions() {
    cloudWatch.setAlarm("us-east-1", "api-5xx", AlarmState.ALARM);
    assertThatThrownBy(() -> alarms.state("api-5xx", Optional.of("eu-west-1")))
        .isInstanceOf(CheckUnusableException.class)
        .hasMessage(
            "CloudWatch has no alarm named api-5xx in eu-west-1 (DescribeAlarms found none):"
                + " check its name and region");
    assertThat(alarms.state("api-5xx", Optional.of("us-east-1")))
        .isInstanceOfSatisfying(
            Measurement.AlarmState.class, s -> assertThat(s.state()).isEqualTo("ALARM"));
    cloudWatch.deleteAlarm("us-east-1", "api-5xx");
  }

  @Test
  @DisplayName("a CloudWatch that fails or throttles is inconclusive, not a failed alarm")
  void unavailable() {
    cloudWatch.setAlarm("eu-west-1", "web-5xx", AlarmState.OK);
    CloudWatchAlarms noRetries = CloudWatchAlarms.at(aws.endpoint(), "eu-west-1");
    cloudWatch.faults().failNext("DescribeAlarms", 10, AwsFault.SERVICE_UNAVAILABLE);
    try {
      assertThat(noRetries.state("web-5xx", Optional.empty()))
          .isInstanceOfSatisfying(
              Measurement.Inconclusive.class,
              i -> assertThat(i.reason()).startsWith("CloudWatch did not answer"));
    } finally {
      noRetries.close();
    }
  }

  @Test
  @DisplayName("the stand-in refuses what CloudWatch refuses, in CloudWatch's error shape")
  void strict() {
    assertThatThrownBy(
            () -> sdk.describeAlarms(r -> r.alarmNames("web-5xx").alarmNamePrefix("web")))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
            });
    assertThatThrownBy(() -> sdk.describeAlarms(r -> r.maxRecords(101)))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> sdk.describeAlarms(r -> r.nextToken("not-a-token")))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
  }

  @Test
  @DisplayName("DescribeAlarms pages by MaxRecords and NextToken, by state and prefix")
  void paging() {
    cloudWatch.setAlarm("eu-west-1", "api-5xx", AlarmState.ALARM);
    cloudWatch.setAlarm("eu-west-1", "web-5xx", AlarmState.OK);
    DescribeAlarmsResponse first = sdk.describeAlarms(r -> r.maxRecords(1));
    assertThat(first.metricAlarms()).extracting(a -> a.alarmName()).containsExactly("api-5xx");
    DescribeAlarmsResponse second =
        sdk.describeAlarms(r -> r.maxRecords(1).nextToken(first.nextToken()));
    assertThat(second.metricAlarms()).extracting(a -> a.alarmName()).containsExactly("web-5xx");
    assertThat(second.nextToken()).isNull();
    assertThat(sdk.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms())
        .extracting(a -> a.alarmName())
        .containsExactly("api-5xx");
    assertThat(sdk.describeAlarms(r -> r.alarmNamePrefix("web")).metricAlarms())
        .extracting(a -> a.stateValue())
        .containsExactly(StateValue.OK);
  }

  @Test
  @DisplayName("a CloudWatch check fails on ALARM, naming the alarm, its state and its region")
  void tally() {
    AnalysisCheck check =
        new AnalysisCheck(
            "web-alarm",
            new AnalysisCheck.CloudWatch("{cluster}-5xx", Optional.of("eu-west-1")),
            Duration.ofSeconds(10),
            3,
            0,
            AnalysisCheck.Inconclusive.PASS);
    cloudWatch.setAlarm("eu-west-1", "web-5xx", AlarmState.INSUFFICIENT_DATA);
    CheckMeasurer measurer =
        new CheckMeasurer(new PrometheusClient(new OkHttpClient(), Duration.ofSeconds(2)), alarms);
    AnalysisRun run = AnalysisRun.start(List.of(check), Map.of("cluster", "web"), CLOCK.instant());
    run = run.measure(CLOCK.instant(), measurer, Optional.empty());
    assertThat(run.failed()).isEmpty();
    assertThat(run.summary())
        .isEqualTo(
            "web-alarm no data (alarm web-5xx is INSUFFICIENT_DATA), counted as passed · 1/3"
                + " passed");

    cloudWatch.setAlarm("eu-west-1", "web-5xx", AlarmState.ALARM, "Threshold Crossed: 12 > 5");
    run = run.measure(CLOCK.instant().plusSeconds(10), measurer, Optional.empty());
    assertThat(run.failed())
        .hasValueSatisfying(
            t ->
                assertThat(t.failure())
                    .isEqualTo(
                        "web-alarm failed: alarm ALARM (Threshold Crossed: 12 > 5) · 1 of 2"
                            + " measurements failed, 0 allowed. CloudWatch alarm: web-5xx in"
                            + " eu-west-1"));
  }
}
