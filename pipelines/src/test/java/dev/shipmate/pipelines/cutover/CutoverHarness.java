package dev.shipmate.pipelines.cutover;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.testing.EngineTables;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.engine.testing.ManualWakeUps;
import dev.shipmate.pipelines.analysis.CheckMeasurer;
import dev.shipmate.pipelines.analysis.CloudWatchAlarms;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The real engine on an H2 file with a manual clock and wake-ups, the cutover pipeline over the
 * real AWS SDK client against the sandbox's Route53 stand-in (on the same clock), and a green
 * health endpoint the test can turn bad.
 */
final class CutoverHarness implements AutoCloseable {
  static final String ZONE = "Z0EXAMPLE";
  static final String WWW = "www.example.com.";

  /** TTL 60 s and bake 2m: a step is judged three minutes after INSYNC at the earliest. */
  static final Duration BAKE = Duration.ofMinutes(2);

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
  final SimulatedAws aws = SimulatedAws.start(clock);
  final SimulatedRoute53 route53 = aws.route53();
  final GreenHealthEndpoint green = new GreenHealthEndpoint();
  final Route53Client client;
  final CloudWatchAlarms alarms;
  final ShipmateConfig config;
  final RunStore store;
  ManualWakeUps wakeUps;
  CutoverPipeline pipeline;
  Engine engine;
  private EngineSettings settings = EngineSettings.defaults();

  CutoverHarness(Database database) {
    this(database, yaml -> yaml);
  }

  /**
   * @param edit changes the test's configuration (a {@code health.alarm}, {@code analysis} checks)
   */
  CutoverHarness(Database database, java.util.function.UnaryOperator<String> edit) {
    EngineTables.wipe(database);
    route53.createHostedZone(ZONE, "example.com");
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "blue", 100, 60, "blue.example.com");
    route53.putWeightedRecord(ZONE, WWW, "CNAME", "green", 0, 60, "green.example.com");
    client = clientWithoutRetries(aws);
    alarms = CloudWatchAlarms.at(aws.endpoint(), SimulatedAws.REGION);
    config = new ConfigLoader(Map.of()).parse(edit.apply(yaml(green.url())), "test.yaml").orThrow();
    store = new RunStore(database.dataSource());
    start();
  }

  static Database open(Path folder) {
    return Database.open(
        new StoreSettings(
            "jdbc:h2:file:" + folder.resolve("shipmate").toAbsolutePath(),
            Optional.empty(),
            Optional.empty()),
        6);
  }

  /**
   * The real SDK client without its own retries, so that every throttled call reaches the engine's
   * retry policy.
   */
  static Route53Client clientWithoutRetries(SimulatedAws aws) {
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

  static String yaml(String healthUrl) {
    return """
        slack: { botToken: xoxb-test, signingSecret: test-secret, channel: C0DEPLOYS }
        cutovers:
          www:
            zone: Z0EXAMPLE
            record: www.example.com.
            type: CNAME
            blue: blue
            green: green
            health: { url: "URL", minSuccess: 0.9, interval: 10s }
            bake: 2m
        """
        .replace("URL", healthUrl);
  }

  /** A new process with other engine settings (in-flight rules), on the same journal. */
  void restartWith(EngineSettings newSettings) {
    settings = newSettings;
    restart();
  }

  /** A new process: new wake-ups, a new pipeline (nothing remembered), the same journal. */
  void restart() {
    engine.stop();
    start();
  }

  private void start() {
    wakeUps = new ManualWakeUps(clock);
    pipeline =
        new CutoverPipeline(
            config,
            new AwsRoute53Gateway(client),
            new ProbeClient(new OkHttpClient(), clock, Duration.ofSeconds(2)),
            clock,
            new CheckMeasurer(
                new PrometheusClient(new OkHttpClient(), Duration.ofSeconds(2)), alarms));
    engine =
        Engine.builder(store, PipelineRegistry.of(java.util.List.of(pipeline)))
            .clock(clock)
            .wakeUps(wakeUps)
            .classifier(new Route53ExceptionClassifier())
            .random(RandomGenerator.of("L64X128MixRandom"))
            .settings(settings)
            .build();
    engine.start();
  }

  Run start(CutoverParams params) {
    StartResult result = engine.start(StartRequest.of(CutoverPipeline.TYPE, params, "U1"));
    if (result instanceof StartResult.Started started) {
      wakeUps.fireDue();
      return started.run();
    }
    throw new AssertionError("expected the run to start, got " + result);
  }

  Run run(RunId id) {
    return engine.run(id).orElseThrow();
  }

  StepRun step(RunId id, String name) {
    return engine.steps(id).stream()
        .filter(s -> s.step().equals(name))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + engine.steps(id)));
  }

  Map<String, Long> weights() {
    return route53.weights(ZONE, WWW, "CNAME");
  }

  /**
   * Moves time on, firing wake-ups as they fall due, until the run ends or {@code limit} passes.
   */
  Run runUntilFinished(RunId id, Duration limit) {
    Instant end = clock.instant().plus(limit);
    while (run(id).isActive() && clock.instant().isBefore(end)) {
      wakeUps.advance(Duration.ofSeconds(5));
    }
    return run(id);
  }

  @Override
  public void close() {
    engine.close();
    client.close();
    alarms.close();
    aws.close();
    green.close();
  }
}
