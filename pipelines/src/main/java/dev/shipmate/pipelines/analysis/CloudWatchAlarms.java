package dev.shipmate.pipelines.analysis;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * A CloudWatch alarm's state, read with {@code DescribeAlarms} (AWS SDK v2, one synchronous client
 * per region, made on first use and closed with this object). OK and ALARM are measurements;
 * INSUFFICIENT_DATA is inconclusive (the check's "no data" rule decides), and so is a CloudWatch
 * that does not answer (throttled, 5xx, unreachable). An alarm that does not exist, or a request
 * CloudWatch refuses (no permission), is a {@link CheckUnusableException}: asking again gives the
 * same answer.
 */
public final class CloudWatchAlarms implements AutoCloseable {

  private final Optional<URI> endpoint;
  private final AwsCredentialsProvider credentials;
  private final Optional<String> defaultRegion;
  private final Map<String, CloudWatchClient> clients = new HashMap<>();
  private boolean closed;

  private CloudWatchAlarms(
      Optional<URI> endpoint, AwsCredentialsProvider credentials, Optional<String> defaultRegion) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.defaultRegion = defaultRegion;
  }

  /**
   * Credentials, endpoint ({@code AWS_ENDPOINT_URL}) and the default region ({@code AWS_REGION})
   * found the SDK's way.
   */
  public static CloudWatchAlarms fromEnvironment() {
    return new CloudWatchAlarms(
        Optional.empty(), DefaultCredentialsProvider.builder().build(), Optional.empty());
  }

  /** Every client at one endpoint (a stand-in), with throwaway static credentials. */
  public static CloudWatchAlarms at(URI endpoint, String defaultRegion) {
    return new CloudWatchAlarms(
        Optional.of(endpoint),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")),
        Optional.of(defaultRegion));
  }

  /**
   * The alarm's state now.
   *
   * @param region the alarm's region; empty for the SDK's default region ({@code AWS_REGION})
   * @throws CheckUnusableException when the alarm does not exist or CloudWatch refuses the request
   */
  public Measurement state(String alarm, Optional<String> region) {
    String where = region.map(r -> " in " + r).orElse("");
    DescribeAlarmsResponse answer;
    try {
      answer =
          client(region)
              .describeAlarms(
                  r ->
                      r.alarmNames(alarm)
                          .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
    } catch (CloudWatchException e) {
      int status = e.statusCode();
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (status >= 500 || status == 429 || (code != null && code.startsWith("Throttl"))) {
        return new Measurement.Inconclusive(
            "CloudWatch did not answer (" + code + ": " + message(e) + ")");
      }
      throw new CheckUnusableException(
          "CloudWatch refused DescribeAlarms for "
              + alarm
              + where
              + " ("
              + code
              + ": "
              + message(e)
              + ")");
    } catch (SdkClientException e) {
      return new Measurement.Inconclusive("CloudWatch did not answer (" + e.getMessage() + ")");
    }
    List<MetricAlarm> metric = answer.metricAlarms();
    Optional<Measurement> state =
        metric.stream()
            .filter(a -> a.alarmName().equals(alarm))
            .findFirst()
            .map(a -> measurement(alarm, a.stateValue(), a.stateReason()))
            .or(
                () ->
                    answer.compositeAlarms().stream()
                        .filter(a -> a.alarmName().equals(alarm))
                        .findFirst()
                        .map(a -> measurement(alarm, a.stateValue(), a.stateReason())));
    return state.orElseThrow(
        () ->
            new CheckUnusableException(
                "CloudWatch has no alarm named "
                    + alarm
                    + where
                    + " (DescribeAlarms found none): check its name and region"));
  }

  private static Measurement measurement(String alarm, StateValue state, String reason) {
    if (state == StateValue.INSUFFICIENT_DATA) {
      return new Measurement.Inconclusive("no data (alarm " + alarm + " is INSUFFICIENT_DATA)");
    }
    if (state == StateValue.OK || state == StateValue.ALARM) {
      return new Measurement.AlarmState(alarm, state.toString(), Optional.ofNullable(reason));
    }
    return new Measurement.Inconclusive(
        "alarm " + alarm + " is in a state Shipmate does not know: " + state);
  }

  private static String message(CloudWatchException e) {
    return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
  }

  private synchronized CloudWatchClient client(Optional<String> region) {
    if (closed) {
      throw new IllegalStateException("the CloudWatch clients are closed (Shipmate is stopping)");
    }
    String name = region.or(() -> defaultRegion).orElseGet(CloudWatchAlarms::sdkRegion);
    return clients.computeIfAbsent(
        name,
        r -> {
          var builder =
              CloudWatchClient.builder()
                  .region(Region.of(r))
                  .credentialsProvider(credentials)
                  .httpClientBuilder(ApacheHttpClient.builder());
          endpoint.ifPresent(builder::endpointOverride);
          return builder.build();
        });
  }

  private static String sdkRegion() {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
    } catch (SdkClientException e) {
      throw new CheckUnusableException(
          "no AWS region for the CloudWatch alarm: set AWS_REGION, or region: in the check");
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    clients.values().forEach(CloudWatchClient::close);
    clients.clear();
  }
}
