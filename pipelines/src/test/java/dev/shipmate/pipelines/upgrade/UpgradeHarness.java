package dev.shipmate.pipelines.upgrade;

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
import dev.shipmate.pipelines.deploy.DeployPipeline;
import dev.shipmate.pipelines.deploy.KubernetesExceptionClassifier;
import dev.shipmate.pipelines.deploy.RolloutWatches;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * The real engine on an H2 file and the upgrade (and deploy) pipelines over their real gateways,
 * against the simulated world: an EKS cluster {@code prod-eu} (node group {@code general}) and a
 * self-managed cluster {@code dev} (Auto Scaling group {@code dev-nodes}), each with {@code web}
 * running two replicas. Time is the world's simulation clock, moved by {@link #advance}.
 */
final class UpgradeHarness implements AutoCloseable {

  static final String CONFIG =
      """
      slack: { botToken: xoxb-test, signingSecret: test-secret, channel: C0DEPLOYS }
      clusters:
        prod-eu: { context: prod-eu, provider: eks, eks: { name: prod-eu, region: eu-west-1, nodegroups: [general] } }
        dev: { context: dev, provider: asg, asg: { region: eu-west-1, groups: [dev-nodes] } }
      environments:
        staging: { cluster: dev, namespace: staging }
        prod: { cluster: prod-eu, namespace: prod }
      services:
        web: { image: registry.example.com/acme/web, deployments: [web], container: web }
      """;

  final ShipmateConfig config;
  final SimulatedWorld world;
  final List<RunEvent> events = new CopyOnWriteArrayList<>();
  private final Path folder;
  private final UpgradeSettings settings;
  private final Database database;
  private final RunStore store;
  private KubernetesClients kubernetes;
  private ComputeClients aws;
  private RolloutWatches watches;
  WorldWakeUps wakeUps;
  UpgradePipeline upgrade;
  Engine engine;

  UpgradeHarness(Path folder, int nodesPerGroup, UpgradeSettings settings) {
    this(folder, nodesPerGroup, settings, CONFIG);
  }

  /** On another configuration: {@link #CONFIG}'s clusters with other settings. */
  UpgradeHarness(Path folder, int nodesPerGroup, UpgradeSettings settings, String yaml) {
    this.folder = folder;
    this.settings = settings;
    this.config = new ConfigLoader(Map.of()).parse(yaml, "test.yaml").orThrow();
    this.world =
        SimulatedWorld.start(
            config,
            new WorldSettings(folder.resolve("world"), "v1.0", "1.31.4", nodesPerGroup, 2, false));
    this.database =
        Database.open(
            new StoreSettings(
                "jdbc:h2:file:" + folder.resolve("db/shipmate").toAbsolutePath(),
                Optional.empty(),
                Optional.empty()),
            4);
    this.store = new RunStore(database.dataSource());
    start();
  }

  /** A new process on the same journal and the same world: new clients, pipelines, wake-ups. */
  void restart() {
    engine.stop();
    closeClients();
    start();
  }

  private void start() {
    kubernetes = KubernetesClients.fromKubeconfig(world.kubeconfig());
    aws = ComputeClients.at(world.aws().endpoint());
    wakeUps = new WorldWakeUps(world);
    Engine[] current = new Engine[1];
    DeploymentGateways deployments = DeploymentGateways.fabric8(kubernetes);
    watches = new RolloutWatches(deployments, id -> current[0].wake(id));
    // Self-managed groups' images are looked up in the sandbox's EC2 (DescribeImages), as on AWS.
    upgrade = new UpgradePipeline(config, new UpgradeGateways(kubernetes, aws), settings);
    List<Pipeline<?>> pipelines =
        List.of(upgrade, new DeployPipeline(config, deployments, world.clock(), watches));
    engine =
        Engine.builder(store, PipelineRegistry.of(pipelines))
            .clock(world.clock())
            .wakeUps(wakeUps)
            .classifier(new UpgradeExceptionClassifier())
            .classifier(new KubernetesExceptionClassifier())
            .random(RandomGenerator.of("L64X128MixRandom"))
            .build();
    current[0] = engine;
    engine.addListener(events::add);
    engine.start();
  }

  StartResult request(String cluster, String version) {
    return engine.start(
        StartRequest.of(UpgradePipeline.TYPE, new UpgradeRequest(cluster, version), "U1"));
  }

  Run upgrade(String cluster, String version) {
    StartResult result = request(cluster, version);
    if (result instanceof StartResult.Started started) {
      return started.run();
    }
    throw new AssertionError("expected the upgrade to start, got " + result);
  }

  void advance(Duration duration) {
    wakeUps.advance(duration);
  }

  /** Moves time in steps of {@code step} until the run ends or {@code limit} has passed. */
  Run runToEnd(RunId id, Duration step, Duration limit) {
    Instant end = world.clock().instant().plus(limit);
    while (run(id).isActive() && world.clock().instant().isBefore(end)) {
      advance(step);
    }
    return run(id);
  }

  /** Moves time until {@code condition} holds, or fails after {@code limit} of simulated time. */
  void advanceUntil(String what, java.util.function.BooleanSupplier condition, Duration limit) {
    Instant end = world.clock().instant().plus(limit);
    while (!condition.getAsBoolean()) {
      if (!world.clock().instant().isBefore(end)) {
        throw new AssertionError("after " + limit + " of simulated time, still no " + what);
      }
      advance(Duration.ofSeconds(5));
    }
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

  /** Every progress note the run's steps showed, in order. */
  List<String> progressNotes(RunId id) {
    List<String> notes = new ArrayList<>();
    for (RunEvent event : events) {
      if (event instanceof RunEvent.StepProgressed progressed && event.run().id().equals(id)) {
        notes.add(progressed.note());
      }
    }
    return notes;
  }

  SimulatedCluster cluster(String name) {
    return world.cluster(name);
  }

  List<Node> nodes(String cluster) {
    return cluster(cluster).client().nodes().list().getItems();
  }

  List<Pod> pods(String cluster, String namespace) {
    return cluster(cluster).client().pods().inNamespace(namespace).list().getItems();
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      closeClients();
      database.close();
      world.close();
    }
  }

  private void closeClients() {
    watches.close();
    kubernetes.close();
    aws.close();
  }
}
