package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.testing.EngineTables;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.engine.testing.ManualWakeUps;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.Fabric8DeploymentGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * The real engine on an H2 file, time and wake-ups moved by hand ({@link ManualClock}, {@link
 * ManualWakeUps}), the deploy and rollback pipelines over the real fabric8 gateway on the CRUD mock
 * server, and {@link RolloutWatches} waking runs through the engine, as the bot wires them.
 */
final class DeployHarness implements AutoCloseable {
  /**
   * The mock server stamps objects it creates with the real time (a pod's creationTimestamp), and
   * the rollout judge counts a pod's trouble from it: the manual clock starts at the real time.
   */
  final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  final ManualClock clock = new ManualClock(t0);
  final KubernetesClient client;
  final String namespace;
  final ShipmateConfig config;
  final DeploymentGateways gateways;
  final RunStore store;
  final ClusterController cluster;
  final List<RunEvent> events = new CopyOnWriteArrayList<>();
  private final List<Pipeline<?>> extra;
  DeploymentGateways engineGateways;
  ManualWakeUps wakeUps;
  RolloutWatches watches;
  DeployPipeline deploy;
  RollbackPipeline rollback;
  Engine engine;

  DeployHarness(
      Database database, KubernetesClient client, String namespace, Pipeline<?>... extra) {
    EngineTables.wipe(database);
    this.client = client;
    this.namespace = namespace;
    this.config = config(namespace);
    this.gateways = cluster -> new Fabric8DeploymentGateway(client);
    this.engineGateways = gateways;
    this.store = new RunStore(database.dataSource());
    this.cluster = new ClusterController(client, namespace, clock);
    this.extra = List.of(extra);
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

  /** web (one Deployment, container web) in environment prod, on cluster prod-eu. */
  static ShipmateConfig config(String namespace) {
    String yaml =
        """
        slack: { botToken: xoxb-test, signingSecret: test-secret, channel: C0DEPLOYS }
        clusters:
          prod-eu: { context: prod-eu }
        environments:
          prod: { cluster: prod-eu, namespace: NS }
        services:
          web: { image: registry.example.com/acme/web, deployments: [web], container: web }
        """
            .replace("NS", namespace);
    return new ConfigLoader(Map.of()).parse(yaml, "test.yaml").orThrow();
  }

  /** A new process: new wake-ups, new watches, new pipelines, on the same journal. */
  void restart() {
    engine.stop();
    watches.close();
    start();
  }

  private void start() {
    wakeUps = new ManualWakeUps(clock);
    // The waker needs the engine, which needs the pipelines: bound late, as the bot must.
    Engine[] current = new Engine[1];
    watches = new RolloutWatches(gateways, id -> current[0].wake(id));
    deploy = new DeployPipeline(config, engineGateways, clock, watches);
    rollback = new RollbackPipeline(config, engineGateways, clock, watches);
    List<Pipeline<?>> pipelines = new ArrayList<>(List.of(deploy, rollback));
    pipelines.addAll(extra);
    engine =
        Engine.builder(store, PipelineRegistry.of(pipelines))
            .clock(clock)
            .wakeUps(wakeUps)
            .classifier(new KubernetesExceptionClassifier())
            .random(RandomGenerator.of("L64X128MixRandom"))
            .build();
    current[0] = engine;
    engine.addListener(events::add);
    engine.start();
  }

  Run start(StartRequest request) {
    StartResult result = engine.start(request);
    if (result instanceof StartResult.Started started) {
      return started.run();
    }
    throw new AssertionError("expected the run to start, got " + result);
  }

  Run deploy(String version) {
    return start(StartRequest.of("deploy", new DeployRequest("web", version, "prod"), "U1"));
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

  long finishedEvents(RunId id) {
    return events.stream()
        .filter(e -> e instanceof RunEvent.RunFinished && e.run().id().equals(id))
        .count();
  }

  @Override
  public void close() {
    engine.close();
    watches.close();
  }
}
