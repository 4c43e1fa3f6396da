package dev.shipmate.bot.e2e;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated world on real time with the whole bot in this JVM, started from {@link E2eConfig},
 * and what the tests read from them: Slack as a user sees it and the clusters as kubectl would. One
 * per test class: each scenario uses its own service, so the tests do not disturb each other.
 */
final class E2eWorld implements AutoCloseable {
  private static final Pattern RUN_ID = Pattern.compile("Started ([a-z]-[a-z0-9]{4})");

  /**
   * Pods Running after 0.3 s and Ready after 1 s instead of 2 s and 5 s: the scenarios are about
   * what Shipmate does, and waiting less keeps the suite short on CI's two cores.
   */
  private static final PodTimings QUICK_PODS =
      new PodTimings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1));

  private final SimulatedWorld world;
  private final Bot bot;
  private final SlackClientSimulator slack;

  private E2eWorld(SimulatedWorld world, Bot bot) {
    this.world = world;
    this.bot = bot;
    this.slack =
        new SlackClientSimulator(
            bot.localUri().resolve("/slack/events"), SimulatedSlack.DEFAULT_SIGNING_SECRET);
  }

  /**
   * Seeds every service in every environment at v1.0 with {@code replicas} replicas, on pods that
   * start quickly.
   */
  static E2eWorld start(Path folder, int replicas) throws Exception {
    ShipmateConfig config = ConfigFiles.load(E2eConfig.writeTo(folder), env(folder)).orThrow();
    SimulatedWorld world =
        SimulatedWorld.start(
            config,
            WorldSettings.in(folder.resolve("world"))
                .withRealTime(true)
                .withReplicas(replicas)
                .withPodTimings(QUICK_PODS));
    try {
      Clock clock = Clock.systemUTC();
      Bot bot =
          Bot.start(
              config,
              new ProcessSettings(folder.resolve("shipmate.yaml"), 0, world.slack().apiUrl()),
              clock,
              Pipelines.on(config, clock, KubernetesClients.fromKubeconfig(world.kubeconfig())));
      return new E2eWorld(world, bot);
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
  }

  /** What {@code serve} needs besides the world's own variables. */
  static Map<String, String> env(Path folder) {
    return Map.of(
        "SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN,
        "SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET,
        "SHIPMATE_DB_URL", "jdbc:h2:file:" + folder.resolve("db/shipmate"));
  }

  SimulatedWorld world() {
    return world;
  }

  /** A signed slash command, as Slack sends it. */
  BotResponse command(String channel, String user, String command, String text) {
    return slack.slashCommand(channel, user, command, text);
  }

  /** A click on a button of a card, as Slack sends it. */
  BotResponse click(String user, SlackMessage card, String actionId) {
    SlackMessage now = world.slack().message(card.channel(), card.ts()).orElse(card);
    return slack.blockAction(
        card.channel(), user, card.ts(), actionId, SlackCards.buttonValue(now, actionId));
  }

  /** The run id an ack names ({@code Started d-4k2p: …}). */
  static String runId(BotResponse ack) {
    Matcher matcher = RUN_ID.matcher(ack.body());
    if (!matcher.find()) {
      throw new AssertionError("the ack names no started run: " + ack.body());
    }
    return matcher.group(1);
  }

  /** The run card of {@code runId} in {@code channel}, once it is there. */
  SlackMessage card(String channel, String runId) {
    Await.until(
        "the card of " + runId + " in " + channel, () -> findCard(channel, runId).isPresent());
    return findCard(channel, runId).orElseThrow();
  }

  private Optional<SlackMessage> findCard(String channel, String runId) {
    return world.slack().topLevel(channel).stream()
        .filter(m -> SlackCards.text(m).contains(runId))
        .findFirst();
  }

  /** The card as it is now (chat.update changes it). */
  String cardText(SlackMessage card) {
    return world.slack().message(card.channel(), card.ts()).map(SlackCards::text).orElse("");
  }

  /** The thread's replies, oldest first. */
  List<SlackMessage> replies(SlackMessage card) {
    return world.slack().thread(card.channel(), card.ts()).stream()
        .filter(SlackMessage::isReply)
        .toList();
  }

  String threadText(SlackMessage card) {
    return String.join("\n", replies(card).stream().map(SlackCards::text).toList());
  }

  /** Waits until the thread names {@code outcome} and returns the thread's text. */
  String awaitOutcome(SlackMessage card, String outcome) {
    Await.until(
        "the thread of " + card.ts() + " to say " + outcome,
        () -> threadText(card).contains(outcome));
    return threadText(card);
  }

  List<SlackEphemeral> ephemeralsTo(String user) {
    return world.slack().ephemerals().stream().filter(e -> user.equals(e.user())).toList();
  }

  KubernetesClient cluster(String name) {
    return world.cluster(name).client();
  }

  Deployment deployment(String cluster, String namespace, String name) {
    return cluster(cluster).apps().deployments().inNamespace(namespace).withName(name).get();
  }

  String image(String cluster, String namespace, String name) {
    return deployment(cluster, namespace, name)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  @Override
  public void close() {
    try {
      bot.close();
    } finally {
      world.close();
    }
  }
}
