package dev.shipmate.bot.bench.sidebyside;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rollout complete → the outcome in Slack, beside {@code kubectl rollout status} on the same
 * Deployment of the same simulated API server, alternating: a {@code /deploy web v2.N staging}
 * through the whole bot (Bolt, router, engine on H2 with Quartz, the production deploy pipeline and
 * its watch, presenter, publisher), then the same kind of rollout (the image set with fabric8)
 * watched by kubectl, and so on. Both clocks start inside the API server's store at the status
 * write that completes the rollout as kubectl judges it; Shipmate's stops when the Slack stand-in
 * receives the thread reply naming the outcome, kubectl's when its process has exited. Samples
 * where kubectl's first look found the rollout already complete (no "Waiting for" line: it watched
 * nothing) are left out and counted. The kubectl binary is {@code -Dkubectl} (default: {@code
 * kubectl} on the PATH).
 */
final class RolloutPair {

  private static final String CHANNEL = "C0DEPLOYS";
  private static final String USER = "U02BE1";
  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int WARM_UP = 3;

  /** Short, so that many rollouts take minutes; long enough for kubectl to be watching first. */
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

  private final int samples;
  private final String kubectl = System.getProperty("kubectl", "kubectl");

  /** When the completing status write of each version happened (System.nanoTime). */
  private final Map<String, Long> completed = new ConcurrentHashMap<>();

  /** When the outcome of each version's deploy reached Slack. */
  private final Map<String, Long> told = new ConcurrentHashMap<>();

  RolloutPair(int samples) {
    this.samples = samples;
  }

  void run() throws Exception {
    Path folder = Files.createTempDirectory("side-by-side-rollout");
    Path configFile = Files.writeString(folder.resolve("shipmate.yaml"), CONFIG);
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN,
            "SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET,
            "SHIPMATE_DB_URL", "jdbc:h2:file:" + folder.resolve("db/shipmate"));
    ShipmateConfig config = ConfigFiles.load(configFile, env).orThrow();
    System.out.println("rollout: kubectl is " + kubectlVersion());
    try (SimulatedWorld world =
            SimulatedWorld.start(
                config,
                WorldSettings.in(folder.resolve("world"))
                    .withRealTime(true)
                    .withReplicas(1)
                    .withPodTimings(PODS));
        Subscription completions =
            world
                .cluster("dev")
                .store()
                .watch(
                    ResourceTypes.DEPLOYMENTS,
                    "staging",
                    Selection.everything(),
                    null,
                    this::onDeploymentChange)) {
      world.slack().addListener(this::onSlack);
      slackApi = world.slack();
      Clock clock = Clock.systemUTC();
      Bot bot =
          Bot.start(
              config,
              new ProcessSettings(configFile, 0, world.slack().apiUrl()),
              clock,
              Pipelines.on(config, clock, KubernetesClients.fromKubeconfig(world.kubeconfig())));
      try {
        SlackClientSimulator slack =
            new SlackClientSimulator(
                bot.localUri().resolve("/slack/events"), SimulatedSlack.DEFAULT_SIGNING_SECRET);
        KubernetesClient dev = world.cluster("dev").client();
        Comparison comparison =
            Comparison.of("rollout", "rollout complete → outcome", "kubectl rollout status");
        int leftOut = 0;
        for (int i = 0; i < WARM_UP + samples; i++) {
          Samples shipmateInto = i < WARM_UP ? new Samples() : comparison.shipmate;
          Samples peerInto = i < WARM_UP ? new Samples() : comparison.peer;
          boolean watched;
          if (i % 2 == 0) {
            shipmate(slack, "v2." + i, shipmateInto);
            watched = kubectl(world, dev, "v3." + i, peerInto);
          } else {
            watched = kubectl(world, dev, "v3." + i, peerInto);
            shipmate(slack, "v2." + i, shipmateInto);
          }
          leftOut += watched ? 0 : 1;
        }
        comparison.done();
        System.out.println(
            "  rollout: "
                + leftOut
                + " kubectl samples left out (its first look found the rollout complete); "
                + paced / 1_000_000_000L
                + " s waited for Slack's per-channel minute to have room");
      } finally {
        bot.close();
      }
    }
  }

  private SimulatedSlack slackApi;

  /** Time spent waiting for Slack's minute to have room, in nanoseconds. */
  private long paced;

  private void shipmate(SlackClientSimulator slack, String version, Samples into) throws Exception {
    // A deploy posts about five messages to the channel, which Slack allows 60 a minute (Shipmate
    // keeps to 54): deploying every 2-3 s, the pair would measure Slack's limit, once a run, not
    // Shipmate. Wait until the minute has room for this deploy's messages, as a channel would.
    long waitStart = System.nanoTime();
    while (postsInTheLastMinute() > 44) {
      Thread.sleep(200);
    }
    paced += System.nanoTime() - waitStart;
    String answer =
        slack.slashCommand(CHANNEL, USER, "/deploy", "web " + version + " staging").body();
    if (!answer.contains("Started")) {
      throw new IllegalStateException("deploy " + version + " did not start: " + answer);
    }
    await("the outcome of " + version, () -> told.containsKey(version));
    await("the completion of " + version, () -> completed.containsKey(version));
    long nanos = told.get(version) - completed.get(version);
    if (nanos > 5_000_000_000L) {
      // The tail is the interesting part: say which deploy, so its run can be looked up.
      System.out.printf(
          "  rollout: %s's outcome took %.1f s; Web API calls in the minute before it: %s%n",
          version, nanos / 1e9, lastMinute());
    }
    into.add(nanos);
  }

  /** Returns false when kubectl watched nothing (the rollout was complete at its first look). */
  private boolean kubectl(SimulatedWorld world, KubernetesClient dev, String version, Samples into)
      throws Exception {
    // The previous deploy's run has ended, but its rollout is complete: wait for it all the same.
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
    Process process =
        new ProcessBuilder(
                kubectl,
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
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl rollout status did not end for " + version);
    }
    long exited = System.nanoTime();
    String printed = Files.readString(out);
    Files.delete(out);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("kubectl rollout status failed: " + printed);
    }
    await("the completion of " + version, () -> completed.containsKey(version));
    if (!printed.contains("Waiting for")) {
      return false;
    }
    into.add(exited - completed.get(version));
    return true;
  }

  private long postsInTheLastMinute() {
    java.time.Instant since = java.time.Instant.now().minusSeconds(60);
    return slackApi.answered("chat.postMessage").stream()
        .filter(c -> c.at().isAfter(since))
        .count();
  }

  /** How many calls of each method reached the Slack stand-in in the last minute. */
  private String lastMinute() {
    java.time.Instant since = java.time.Instant.now().minusSeconds(60);
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String method : java.util.List.of("chat.postMessage", "chat.update")) {
      counts.put(
          method, slackApi.answered(method).stream().filter(c -> c.at().isAfter(since)).count());
    }
    return counts.toString();
  }

  private String kubectlVersion() {
    try {
      Process process =
          new ProcessBuilder(kubectl, "version", "--client").redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes()).trim();
      process.waitFor();
      Matcher m = Pattern.compile("(v\\d+\\.\\d+\\.\\d+\\S*?)[\",\\s]").matcher(text + " ");
      return kubectl + " " + (m.find() ? m.group(1) : text);
    } catch (Exception e) {
      return kubectl + " (its version unknown: " + e.getMessage() + ")";
    }
  }

  /** Runs under the store's lock, in store order: the instant is the write's own. */
  private void onDeploymentChange(WatchEvent event) {
    if (!"MODIFIED".equals(event.type())
        || !"web".equals(event.object().at("/metadata/name").asText())) {
      return;
    }
    if (complete(event.object()) && !complete(event.previous())) {
      String image = event.object().at("/spec/template/spec/containers/0/image").asText("");
      completed.putIfAbsent(image.substring(image.lastIndexOf(':') + 1), System.nanoTime());
    }
  }

  private void onSlack(SlackActivity activity) {
    if (activity instanceof SlackActivity.MessagePosted posted
        && posted.message().isReply()
        && posted.message().text().contains(" succeeded in ")) {
      long now = System.nanoTime();
      // "Deploy web v2.17 to staging succeeded in 2s"
      Matcher version = VERSION.matcher(posted.message().text());
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

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + what);
      }
      Thread.sleep(1);
    }
  }
}
