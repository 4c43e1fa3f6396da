package dev.shipmate.pipelines.upgrade;

import dev.shipmate.pipelines.analysis.CloudWatchAlarms;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * The Auto Scaling, EC2 and EKS clients of each region a cluster names (and CloudWatch's, for
 * metric checks), made on first use, kept, and closed with this object. In production the SDK finds
 * credentials and any endpoint ({@code AWS_ENDPOINT_URL}) itself; tests point every client at a
 * stand-in.
 */
public final class ComputeClients implements AutoCloseable {

  private record RegionClients(AutoScalingClient autoScaling, Ec2Client ec2, EksClient eks) {}

  private final Optional<URI> endpoint;
  private final AwsCredentialsProvider credentials;
  private final Map<String, RegionClients> clients = new HashMap<>();
  private final CloudWatchAlarms cloudWatch;
  private boolean closed;

  private ComputeClients(
      Optional<URI> endpoint, AwsCredentialsProvider credentials, CloudWatchAlarms cloudWatch) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.cloudWatch = cloudWatch;
  }

  /** Credentials from the SDK's default chain, endpoints as the SDK finds them. */
  public static ComputeClients fromEnvironment() {
    return new ComputeClients(
        Optional.empty(),
        DefaultCredentialsProvider.builder().build(),
        CloudWatchAlarms.fromEnvironment());
  }

  /**
   * Every client at one endpoint (a stand-in), with throwaway static credentials; an alarm that
   * names no region is looked up in {@link #STAND_IN_REGION}.
   */
  public static ComputeClients at(URI endpoint) {
    return new ComputeClients(
        Optional.of(endpoint),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")),
        CloudWatchAlarms.at(endpoint, STAND_IN_REGION));
  }

  /** The region a stand-in's clients default to: the sandbox's. */
  public static final String STAND_IN_REGION = "eu-west-1";

  /** CloudWatch alarms (metric checks), on the same credentials and endpoint. */
  public CloudWatchAlarms cloudWatch() {
    return cloudWatch;
  }

  public AutoScalingGateway autoScaling(String region) {
    RegionClients c = clients(region);
    return new AutoScalingGateway(c.autoScaling(), c.ec2());
  }

  public ImageGateway images(String region) {
    return new ImageGateway(clients(region).ec2());
  }

  public EksGateway eks(String region) {
    return new EksGateway(clients(region).eks());
  }

  private synchronized RegionClients clients(String region) {
    if (closed) {
      throw new IllegalStateException("the AWS clients are closed (Shipmate is stopping)");
    }
    return clients.computeIfAbsent(
        region,
        r ->
            new RegionClients(
                build(AutoScalingClient.builder(), r),
                build(Ec2Client.builder(), r),
                build(EksClient.builder(), r)));
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String region) {
    builder.region(Region.of(region)).credentialsProvider(credentials);
    builder.httpClientBuilder(ApacheHttpClient.builder());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public synchronized void close() {
    closed = true;
    cloudWatch.close();
    clients
        .values()
        .forEach(
            c -> {
              c.autoScaling().close();
              c.ec2().close();
              c.eks().close();
            });
    clients.clear();
  }
}
