package dev.shipmate.sandbox.aws;

import dev.shipmate.sandbox.aws.cloudwatch.CloudWatchApi;
import dev.shipmate.sandbox.aws.cloudwatch.SimulatedCloudWatch;
import dev.shipmate.sandbox.aws.compute.AutoScalingApi;
import dev.shipmate.sandbox.aws.compute.Ec2Api;
import dev.shipmate.sandbox.aws.compute.EksApi;
import dev.shipmate.sandbox.aws.compute.SimulatedCompute;
import dev.shipmate.sandbox.aws.compute.SimulatedEks;
import dev.shipmate.sandbox.aws.route53.Route53Api;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS stand-ins behind one local endpoint: Route53, Auto Scaling, EC2 (launch templates and
 * instances), EKS and CloudWatch alarms, speaking each service's protocol so that the AWS SDK v2
 * clients work against it through {@code endpointOverride} or {@code AWS_ENDPOINT_URL}. Signatures
 * are not checked; any credentials do.
 *
 * <p>Time-driven work (instances joining, EKS updates finishing) waits on a {@link Timeline}: the
 * simulated world runs it as it moves the clock ({@link #runDue()}).
 */
public final class SimulatedAws implements AutoCloseable {

  /** The region the stand-ins pretend to be in; Route53 itself is {@code aws-global}. */
  public static final String REGION = "eu-west-1";

  public static final String ACCESS_KEY_ID = "AKIASANDBOX000000000";
  public static final String SECRET_ACCESS_KEY = "sandbox-secret-access-key-not-a-secret";

  private final Clock clock;
  private final Timeline timeline = new Timeline();
  private final SimulatedRoute53 route53;
  private final SimulatedCompute compute;
  private final SimulatedEks eks;
  private final SimulatedCloudWatch cloudWatch;
  private final AwsServer server;

  private SimulatedAws(Clock clock, String host, int port) {
    this.clock = clock;
    this.route53 = new SimulatedRoute53(clock);
    this.compute = new SimulatedCompute(clock, timeline);
    this.eks = new SimulatedEks(clock, timeline, compute);
    this.cloudWatch = new SimulatedCloudWatch(clock);
    this.server =
        new AwsServer(
            host,
            port,
            List.of(
                new Route53Api(route53),
                new EksApi(eks),
                new AutoScalingApi(compute, clock),
                new Ec2Api(compute),
                new CloudWatchApi(cloudWatch)));
  }

  /** Listens on a free local port. */
  public static SimulatedAws start(Clock clock) {
    return start(clock, "127.0.0.1", 0);
  }

  public static SimulatedAws start(Clock clock, String host, int port) {
    return new SimulatedAws(clock, host, port);
  }

  /** The endpoint every SDK client is pointed at. */
  public URI endpoint() {
    return server.url();
  }

  public SimulatedRoute53 route53() {
    return route53;
  }

  /** Auto Scaling groups, launch templates and instances. */
  public SimulatedCompute compute() {
    return compute;
  }

  public SimulatedEks eks() {
    return eks;
  }

  /** CloudWatch alarms, whose states a test sets. */
  public SimulatedCloudWatch cloudWatch() {
    return cloudWatch;
  }

  public Timeline timeline() {
    return timeline;
  }

  /** Runs what has come due on the clock; returns how many actions ran. */
  public int runDue() {
    return timeline.runDue(clock.instant());
  }

  /** When the stand-ins next have something to do. */
  public Optional<Instant> nextDue() {
    return timeline.next();
  }

  /** What an env file needs to point the AWS SDK here. */
  public Map<String, String> environment() {
    return Map.of(
        "AWS_ENDPOINT_URL", endpoint().toString(),
        "AWS_REGION", REGION,
        // The AWS CLI v1 (and older SDKs) read this one, not AWS_REGION.
        "AWS_DEFAULT_REGION", REGION,
        "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
  }

  @Override
  public void close() {
    server.close();
  }
}
