package dev.shipmate.pipelines.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.PauseResult;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.run.StepStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.pipelines.upgrade.WorldWakeUps;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy in three waves on the sandbox's world: three simulated clusters (each its own Kubernetes
 * API with controllers) and its Prometheus, the real engine on H2, the real fabric8 and OkHttp
 * clients, time moved by the world's clock.
 */
class WaveDeployPipelineIT {
  private static final String IMAGE = "registry.example.com/acme/web:";
  private static final List<String> CLUSTERS = List.of("canary", "eu-west", "us-east");

  private static final String CONFIG =
      """
      slack: { botToken: xoxb-test, signingSecret: test-secret, channel: C0DEPLOYS }
      clusters:
        canary: { context: canary }
        eu-west: { context: eu-west }
        us-east: { context: us-east }
      environments:
        prod:
          waves: [[canary], [eu-west], [us-east]]
          bake: 2m
          namespace: prod
          deployers: [U01ABCDEF]
          verify: [error-ratio]
      services:
        web: { image: registry.example.com/acme/web, deployments: [web], container: web }
      prometheus: { url: "${PROMETHEUS_URL:-http://127.0.0.1:9}" }
      analysis:
        error-ratio:
          prometheus:
            query: 'max(http_error_ratio{cluster="{cluster}", namespace="{namespace}", deployment="{service}"})'
            max: 0.01
          interval: 30s
          count: 3
      """;

  @TempDir Path folder;
  private SimulatedWorld world;
  private Database database;
  private KubernetesClients kubernetes;
  private RolloutWatches watches;
  private WorldWakeUps wakeUps;
  private Engine engine;

  @BeforeEach
  void setUp() {
    world =
        SimulatedWorld.start(
            parse(Map.of()),
            new WorldSettings(folder.resolve("world"), "v1.0", "1.31.4", 2, 2, false));
    ShipmateConfig config = parse(Map.of("PROMETHEUS_URL", world.prometheus().url().toString()));
    database =
        Database.open(
            new StoreSettings(
                "jdbc:h2:file:" + folder.resolve("db/shipmate").toAbsolutePath(),
                Optional.empty(),
                Optional.empty()),
            4);
    kubernetes = KubernetesClients.fromKubeconfig(world.kubeconfig());
    wakeUps = new WorldWakeUps(world);
    Engine[] current = new Engine[1];
    DeploymentGateways gateways = DeploymentGateways.fabric8(kubernetes);
    watches = new RolloutWatches(gateways, id -> current[0].wake(id));
    WaveDeployPipeline waves =
        new WaveDeployPipeline(
            config,
            gateways,
            world.clock(),
            watches,
            new DeploySettings(
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(5)),
            new PrometheusClient(new OkHttpClient(), PrometheusClient.DEFAULT_TIMEOUT));
    engine =
        Engine.builder(new RunStore(database.dataSource()), PipelineRegistry.of(List.of(waves)))
            .clock(world.clock())
            .wakeUps(wakeUps)
            .classifier(new KubernetesExceptionClassifier())
            .random(RandomGenerator.of("L64X128MixRandom"))
            .build();
    current[0] = engine;
    engine.start();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close();
    }
    if (watches != null) {
      watches.close();
    }
    if (kubernetes != null) {
      kubernetes.close();
    }
    if (database != null) {
      database.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  @DisplayName("three waves: each cluster rolled out and baked before the next one is touched")
  void succeeds() {
    RunId id = deploy("v1.1");

    Run run = runToEnd(id);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    CLUSTERS.forEach(cluster -> assertThat(image(cluster)).isEqualTo(IMAGE + "v1.1"));
    assertThat(forwardSteps(id))
        .containsExactly(
            "plan",
            "wave-1-set-image",
            "wave-1-rollout",
            "wave-1-bake",
            "wave-2-set-image",
            "wave-2-rollout",
            "wave-2-bake",
            "wave-3-set-image",
            "wave-3-rollout",
            "wave-3-bake");
    assertThat(engine.steps(id)).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
    // The next wave's image was set only once the wave before had baked (3 measurements, 30s
    // apart).
    assertThat(step(id, "wave-2-set-image").startedAt())
        .isAfterOrEqualTo(step(id, "wave-1-bake").finishedAt().orElseThrow());
    assertThat(step(id, "wave-3-set-image").startedAt())
        .isAfterOrEqualTo(step(id, "wave-2-bake").finishedAt().orElseThrow());
    assertThat(step(id, "wave-2-set-image").startedAt())
        .isAfterOrEqualTo(
            step(id, "wave-1-rollout").finishedAt().orElseThrow().plus(Duration.ofMinutes(2)));
    assertThat(step(id, "wave-2-bake").progress().orElseThrow())
        .isEqualTo("eu-west error-ratio 0.001 ≤ 0.01 · 3/3 passed · baked 2m");
    // The last wave has no next wave to protect: its checks, no bake time.
    assertThat(step(id, "wave-3-bake").progress().orElseThrow())
        .isEqualTo("us-east error-ratio 0.001 ≤ 0.01 · 3/3 passed");
    assertThat(step(id, "wave-1-set-image").progress().orElseThrow())
        .isEqualTo("canary: web → v1.1");
  }

  @Test
  @DisplayName(
      "an image that never pulls in wave 2's cluster rolls back waves 2 and 1, newest"
          + " first, and never touches wave 3")
  void failureInWaveTwoRollsBackWavesOneAndTwo() {
    world.cluster("eu-west").failImage(IMAGE + "v1.1", "imagepull");
    RunId id = deploy("v1.1");

    Run run = runToEnd(id);

    assertThat(run.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(run.failure().orElseThrow().step()).contains("wave-2-rollout");
    assertThat(run.failure().orElseThrow().message())
        .startsWith("cluster eu-west: rollout of Deployment web failed");
    CLUSTERS.forEach(cluster -> assertThat(image(cluster)).isEqualTo(IMAGE + "v1.0"));
    assertThat(step(id, "wave-1-rollout").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(id, "wave-1-bake").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step(id, "wave-2-rollout").status()).isEqualTo(StepStatus.FAILED);
    assertThat(
            engine.steps(id).stream()
                .filter(s -> s.phase() == Phase.COMPENSATING)
                .map(s -> s.step() + " " + s.status()))
        .containsExactly("wave-2-undo SUCCEEDED", "wave-1-undo SUCCEEDED");
    assertThat(engine.steps(id).stream().map(StepRun::step)).doesNotContain("wave-3-set-image");
    // Wave 3's cluster was never written by the run: its Deployment is still at its first revision.
    assertThat(
            Optional.ofNullable(deployment("us-east").getMetadata().getAnnotations())
                .orElse(Map.of()))
        .doesNotContainKey("kubernetes.io/change-cause");
    assertThat(
            deployment("canary").getMetadata().getAnnotations().get("kubernetes.io/change-cause"))
        .contains(id.value())
        .contains("v1.0");
  }

  @Test
  @DisplayName("a wave whose rollout never ends times out naming where each of its clusters is")
  void timeoutInWaveTwoNamesTheCluster() {
    world.cluster("eu-west").failImage(IMAGE + "v1.1", "unready");
    RunId id = deploy("v1.1");

    Run run = runToEnd(id);

    assertThat(run.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(run.failure().orElseThrow().step()).contains("wave-2-rollout");
    assertThat(run.failure().orElseThrow().message())
        .startsWith("wave-2-rollout did not finish within 5m: eu-west: ");
    CLUSTERS.forEach(cluster -> assertThat(image(cluster)).isEqualTo(IMAGE + "v1.0"));
  }

  @Test
  @DisplayName("a run paused after its first wave starts no other wave until it is resumed")
  void pauseBetweenWaves() {
    RunId id = deploy("v1.1");
    advanceUntil(
        "wave-1's bake",
        () -> engine.steps(id).stream().anyMatch(s -> s.step().equals("wave-1-bake")));

    assertThat(engine.pause(id, "U2")).isInstanceOf(PauseResult.Paused.class);
    advance(Duration.ofMinutes(20));

    assertThat(run(id).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(engine.steps(id).stream().map(StepRun::step)).doesNotContain("wave-2-set-image");
    assertThat(image("canary")).isEqualTo(IMAGE + "v1.1");
    assertThat(image("eu-west")).isEqualTo(IMAGE + "v1.0");

    assertThat(engine.resume(id, "U2")).isInstanceOf(PauseResult.Resumed.class);
    Run run = runToEnd(id);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    CLUSTERS.forEach(cluster -> assertThat(image(cluster)).isEqualTo(IMAGE + "v1.1"));
  }

  private static ShipmateConfig parse(Map<String, String> environment) {
    return new ConfigLoader(environment).parse(CONFIG, "test.yaml").orThrow();
  }

  private RunId deploy(String version) {
    StartResult result =
        engine.start(
            StartRequest.of(
                WaveDeployPipeline.TYPE, new DeployRequest("web", version, "prod"), "U1"));
    assertThat(result).isInstanceOf(StartResult.Started.class);
    return ((StartResult.Started) result).run().id();
  }

  private Run run(RunId id) {
    return engine.run(id).orElseThrow();
  }

  private void advance(Duration duration) {
    wakeUps.advance(duration);
  }

  private Run runToEnd(RunId id) {
    advanceUntil("the end of " + id, () -> !run(id).isActive());
    return run(id);
  }

  private void advanceUntil(String what, BooleanSupplier condition) {
    Instant end = world.clock().instant().plus(Duration.ofMinutes(60));
    while (!condition.getAsBoolean()) {
      if (!world.clock().instant().isBefore(end)) {
        throw new AssertionError("after an hour of simulated time, still no " + what);
      }
      advance(Duration.ofSeconds(5));
    }
  }

  private List<String> forwardSteps(RunId id) {
    return engine.steps(id).stream()
        .filter(s -> s.phase() == Phase.FORWARD)
        .map(StepRun::step)
        .toList();
  }

  private StepRun step(RunId id, String name) {
    return engine.steps(id).stream()
        .filter(s -> s.step().equals(name))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + engine.steps(id)));
  }

  private Deployment deployment(String cluster) {
    return world
        .cluster(cluster)
        .client()
        .apps()
        .deployments()
        .inNamespace("prod")
        .withName("web")
        .get();
  }

  private String image(String cluster) {
    return deployment(cluster).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }
}
