package dev.shipmate.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.kubernetes.store.ResourceTypes;
import dev.shipmate.sandbox.kubernetes.store.Selection;
import dev.shipmate.sandbox.kubernetes.store.Subscription;
import dev.shipmate.sandbox.kubernetes.store.WatchEvent;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackActivity;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: how long after the simulated API server marks a rollout complete does the run's
 * outcome message reach Slack? 200 sequential {@code /deploy}s through the whole bot (Bolt, the
 * router, the engine on an H2 file with Quartz, the production deploy pipeline with its watch, the
 * Slack presenter) on the simulated world in real time. The clock starts inside the API server's
 * store, at the status write that makes the Deployment complete as {@code kubectl rollout status}
 * judges it, and stops when the Slack stand-in receives the thread reply naming the outcome.
 *
 * <p>Beside it, the same figure for {@code kubectl rollout status} (the binary on the PATH) on the
 * same server: from the same status write to the moment kubectl exits.
 *
 * <p>Run with {@code mvn -pl bot -am -Pbench -Dspotless.skip=true -DskipTests verify}; figures in
 * docs/benchmarks.md. Never fails on a number.
 */
public final class RolloutOutcomeLatencyBenchmark {
  private static final int WARM_UP = 10;
  private static final int DEPLOYS = Integer.getInteger("deploys", 200);
  private static final String CHANNEL = "C0DEPLOYS";
  private static final String USER = "U02BE1";
  private static final Pattern SHIPMATE_VERSION = Pattern.compile("v2\\.\\d+");
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /** Short, so that 200 rollouts take minutes; long enough for kubectl to be watching first. */
  private static final PodTimings PODS =
      new PodTimings(Duration.ofMillis(300), Duration.ofMillis(1500), Duration.ofSeconds(1));

  private static final String CONFIG =
      """
      slack: { botToken: "${SLACK_BOT_TOKEN}", signingSecret: "${SLACK_SIGNING_SECRET}", channel: C0DEPLOYS }
      store: { url: "${SHIPMATE_DB_URL}" }
      groups: { backend: [U02BE1] }
      clusters: { dev: { context: dev } }
      environments: { staging: { cluster: dev, namespace: staging, deployers: [group:backend] } }
      services: { web: { image: registry.example.com/acme/web, deployments: [web], container: web } }
      """;

  /** When the completing status write of each version happened (System.nanoTime). */
  private static final Map<String, Long> completed = new ConcurrentHashMap<>();

  /** When the outcome of each version's deploy reached Slack. */
  private static final Map<String, Long> told = new ConcurrentHashMap<>();

  private RolloutOutcomeLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("shipmate-rollout-bench");
    Path configFile = Files.writeString(folder.resolve("shipmate.yaml"), CONFIG);
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN,
            "SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET,
            "SHIPMATE_DB_URL", "jdbc:h2:file:" + folder.resolve("db/shipmate"));
    ShipmateConfig config = ConfigFiles.load(configFile, env).orThrow();
    try (SimulatedWorld world =
        SimulatedWorld.start(
            config,
            WorldSettings.in(folder.resolve("world"))
                .withRealTime(true)
                .withReplicas(1)
                .withPodTimings(PODS))) {
      try (Subscription completions =
          world
              .cluster("dev")
              .store()
              .watch(
                  ResourceTypes.DEPLOYMENTS,
                  "staging",
                  Selection.everything(),
                  null,
                  RolloutOutcomeLatencyBenchmark::onDeploymentChange)) {
        world.slack().addListener(RolloutOutcomeLatencyBenchmark::onSlack);
        System.out.printf(
            "pods: Running after %d ms, Ready after %d ms; %d deploys after %d warm-up%n",
            PODS.startDelay().toMillis(), PODS.readyDelay().toMillis(), DEPLOYS, WARM_UP);
        shipmate(world, config, folder);
        kubectl(world);
      }
    }
  }

  private static void shipmate(SimulatedWorld world, ShipmateConfig config, Path folder)
      throws Exception {
    Clock clock = Clock.systemUTC();
    Bot bot =
        Bot.start(
            config,
            new ProcessSettings(folder.resolve("shipmate.yaml"), 0, world.slack().apiUrl()),
            clock,
            Pipelines.on(config, clock, KubernetesClients.fromKubeconfig(world.kubeconfig())));
    try {
      SlackClientSimulator slack =
          new SlackClientSimulator(
              bot.localUri().resolve("/slack/events"), SimulatedSlack.DEFAULT_SIGNING_SECRET);
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < WARM_UP + DEPLOYS; i++) {
        String version = "v2." + i;
        String answer =
            slack.slashCommand(CHANNEL, USER, "/deploy", "web " + version + " staging").body();
        if (!answer.contains("Started")) {
          throw new IllegalStateException("deploy " + version + " did not start: " + answer);
        }
        await("the outcome of " + version, () -> told.containsKey(version));
        await("the completion of " + version, () -> completed.containsKey(version));
        if (i >= WARM_UP) {
          latencies.add(told.get(version) - completed.get(version));
        }
      }
      print("Shipmate: rollout complete → outcome message in Slack", latencies);
    } finally {
      bot.close();
    }
  }

  private static void kubectl(SimulatedWorld world) throws Exception {
    KubernetesClient dev = world.cluster("dev").client();
    List<Long> latencies = new ArrayList<>();
    int sawNoRollout = 0;
    for (int i = 0; i < WARM_UP + DEPLOYS; i++) {
      String version = "v3." + i;
      dev.apps()
          .deployments()
          .inNamespace("staging")
          .withName("web")
          .edit(
              d -> {
                d.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .setImage("registry.example.com/acme/web:" + version);
                return d;
              });
      Path out = Files.createTempFile("kubectl-rollout", ".txt");
      Process kubectl =
          new ProcessBuilder(
                  "kubectl",
                  "--kubeconfig",
                  world.kubeconfig().toString(),
                  "--context",
                  "dev",
                  "-n",
                  "staging",
                  "rollout",
                  "status",
                  "deployment/web",
                  "--timeout=120s")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!kubectl.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        kubectl.destroyForcibly();
        throw new IllegalStateException("kubectl rollout status did not end for " + version);
      }
      long exited = System.nanoTime();
      String printed = Files.readString(out);
      Files.delete(out);
      if (kubectl.exitValue() != 0) {
        throw new IllegalStateException("kubectl rollout status failed: " + printed);
      }
      await("the completion of " + version, () -> completed.containsKey(version));
      if (!printed.contains("Waiting for")) {
        // kubectl first looked after the rollout had completed: it watched nothing.
        sawNoRollout++;
        continue;
      }
      if (i >= WARM_UP) {
        latencies.add(exited - completed.get(version));
      }
    }
    print("kubectl rollout status: rollout complete → kubectl exits", latencies);
    System.out.println(
        "  (" + sawNoRollout + " samples left out: kubectl started after the rollout completed)");
  }

  /** Runs under the store's lock, in store order: the instant is the write's own. */
  private static void onDeploymentChange(WatchEvent event) {
    if (!"MODIFIED".equals(event.type()) || !"web".equals(name(event.object()))) {
      return;
    }
    if (complete(event.object()) && !complete(event.previous())) {
      String image = event.object().at("/spec/template/spec/containers/0/image").asText("");
      completed.putIfAbsent(image.substring(image.lastIndexOf(':') + 1), System.nanoTime());
    }
  }

  private static void onSlack(SlackActivity activity) {
    if (activity instanceof SlackActivity.MessagePosted posted
        && posted.message().isReply()
        && posted.message().text().contains(" succeeded in ")) {
      long now = System.nanoTime();
      String text = posted.message().text();
      // "Deploy web v2.17 to staging succeeded in 2s"
      Matcher version = SHIPMATE_VERSION.matcher(text);
      if (version.find()) {
        told.putIfAbsent(version.group(), now);
      }
    }
  }

  /** As {@code kubectl rollout status} judges a Deployment. */
  private static boolean complete(ObjectNode deployment) {
    if (deployment == null) {
      return false;
    }
    JsonNode status = deployment.path("status");
    long generation = deployment.at("/metadata/generation").asLong(0);
    int replicas = deployment.at("/spec/replicas").asInt(1);
    int updated = status.path("updatedReplicas").asInt(0);
    int total = status.path("replicas").asInt(0);
    int available = status.path("availableReplicas").asInt(0);
    return status.path("observedGeneration").asLong(0) >= generation
        && updated >= replicas
        && total <= updated
        && available >= updated;
  }

  private static String name(ObjectNode object) {
    return object.at("/metadata/name").asText();
  }

  private static void await(String what, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + what);
      }
      Thread.sleep(1);
    }
  }

  private static void print(String what, List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "%s: %d samples, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms%n",
        what,
        sorted.length,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        Arrays.stream(sorted).average().orElse(0) / 1e6);
  }

  private static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }
}
