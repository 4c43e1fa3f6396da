package dev.shipmate.bot.front;

import com.google.gson.JsonParser;
import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.QuickPods;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The example configuration's bot, with the production pipelines, on a simulated world in real
 * time: a Slack stand-in, clusters with controllers. Driven as Slack drives it, by signed posts.
 */
final class WorldBot implements AutoCloseable {

  /** A member of group:backend, which may deploy to staging but not to prod. */
  static final String BACKEND_DEVELOPER = "U02BE1";

  /** Members of group:sre, which may deploy to and approve in prod. */
  static final String SRE_1 = "U01SRE1";

  static final String SRE_2 = "U01SRE2";

  /** Staging names no channel, so its runs report to slack.channel. */
  static final String DEPLOYS_CHANNEL = "C0DEPLOYS";

  static final String PROD_CHANNEL = "C0PROD";

  final SimulatedWorld world;
  final Bot bot;
  final SlackClientSimulator slack;

  private WorldBot(SimulatedWorld world, Bot bot) {
    this.world = world;
    this.bot = bot;
    this.slack =
        new SlackClientSimulator(
            bot.localUri().resolve("/slack/events"), SimulatedSlack.DEFAULT_SIGNING_SECRET);
  }

  static WorldBot start(Path data) throws Exception {
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN,
            "SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET,
            "SHIPMATE_DB_URL", "jdbc:h2:file:" + data.resolve("db/shipmate"));
    ShipmateConfig config = ConfigFiles.load(ExampleConfig.FILE, env).orThrow();
    SimulatedWorld world =
        SimulatedWorld.start(
            config,
            WorldSettings.in(data.resolve("world"))
                .withRealTime(true)
                .withPodTimings(QuickPods.TIMINGS));
    try {
      Clock clock = Clock.systemUTC();
      Bot bot =
          Bot.start(
              config,
              new ProcessSettings(ExampleConfig.FILE, 0, world.slack().apiUrl()),
              clock,
              Pipelines.on(config, clock, KubernetesClients.fromKubeconfig(world.kubeconfig())));
      return new WorldBot(world, bot);
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
  }

  /** The text of the bot's answer to a command (its ack), as Slack would show it. */
  static String text(BotResponse response) {
    return JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString();
  }

  /** The image of the first container of a Deployment, as the simulated cluster holds it. */
  String image(String cluster, String namespace, String name) {
    return world
        .cluster(cluster)
        .client()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  /** The ephemeral messages {@code user} has been shown so far, oldest first. */
  List<String> ephemeralsTo(String user) {
    return world.slack().ephemerals().stream()
        .filter(e -> e.user().equals(user))
        .map(SlackEphemeral::text)
        .toList();
  }

  /** Waits for an ephemeral message to {@code user} containing {@code text}, and answers it. */
  String awaitEphemeral(String user, String text) {
    Await.until(
        "an ephemeral message to " + user + " containing '" + text + "'",
        () -> ephemeralsTo(user).stream().anyMatch(t -> t.contains(text)));
    return ephemeralsTo(user).stream().filter(t -> t.contains(text)).findFirst().orElseThrow();
  }

  /** The card of run {@code runId} in {@code channel}, once it is posted. */
  SlackMessage awaitCard(String channel, String runId) {
    Await.until(
        "the card of " + runId + " in " + channel,
        () -> world.slack().topLevel(channel).stream().anyMatch(m -> m.text().contains(runId)));
    return world.slack().topLevel(channel).stream()
        .filter(m -> m.text().contains(runId))
        .findFirst()
        .orElseThrow();
  }

  /** The card as it is now: its fallback text and blocks. */
  String cardNow(String channel, String ts) {
    return world.slack().message(channel, ts).map(m -> m.text() + " " + m.blocks()).orElse("");
  }

  /** Every reply in the card's thread, joined. */
  String thread(String channel, String ts) {
    return world.slack().thread(channel, ts).stream()
        .filter(SlackMessage::isReply)
        .map(SlackMessage::text)
        .collect(Collectors.joining("\n"));
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
