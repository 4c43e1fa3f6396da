package dev.shipmate.bot.e2e;

import com.google.gson.JsonParser;
import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.slice.GitHubSettings;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.FrontConfig;
import dev.shipmate.bot.testing.QuickPods;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.SlackSettings;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.github.SimulatedGitHub;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.slack.SlackView;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole bot in this JVM, driven as Slack drives it (signed slash commands and clicks, {@link
 * #client()}), against the sandbox's Slack stand-in: on the simulated world, in real time, with the
 * production pipelines; or, for tests of the Slack front alone, on scripted pipelines without a
 * world ({@link #onFrontConfig}). And what the tests read from them: Slack as a user sees it and
 * the clusters as kubectl would.
 *
 * <p>The one way the end-to-end and front tests build their world. A class that can share one keeps
 * it for all its tests ({@code @BeforeAll}, each test on a service of its own); the others start
 * one per test. Pods are quick ({@link QuickPods}) unless a test says otherwise.
 */
public final class E2eWorld implements AutoCloseable {
  private static final Pattern RUN_ID = Pattern.compile("Started ([a-z]-[a-z0-9]{4})");

  private final ShipmateConfig config;
  private final Optional<SimulatedWorld> world;
  private final SimulatedSlack slack;
  private final Optional<SimulatedGitHub> github;
  private final Optional<Pipelines> pipelines;
  private final Bot bot;
  private final SlackClientSimulator client;
  private volatile boolean warm;

  private E2eWorld(
      ShipmateConfig config,
      Optional<SimulatedWorld> world,
      SimulatedSlack slack,
      Optional<SimulatedGitHub> github,
      Optional<Pipelines> pipelines,
      Bot bot) {
    this.config = config;
    this.world = world;
    this.slack = slack;
    this.github = github;
    this.pipelines = pipelines;
    this.bot = bot;
    // In Socket Mode Slack's requests arrive as envelopes on the bot's WebSockets instead.
    this.client =
        config.slack().mode() == SlackSettings.Mode.SOCKET
            ? SlackClientSimulator.overSocketMode(slack, Clock.systemUTC())
            : new SlackClientSimulator(events(), slack);
  }

  /** On a configuration of its own, written to the test's folder ({@link E2eConfig#YAML}, …). */
  public static Builder on(String yaml) {
    return new Builder(folder -> load(write(folder, yaml), folder), Optional.empty());
  }

  /**
   * On {@code config/examples/shipmate.yaml}, read where it is, without its weekend freeze: the
   * world runs on real time ({@link ExampleConfig#withoutFreezes}).
   */
  public static Builder onExampleConfig() {
    return new Builder(
        folder -> {
          Loaded loaded = load(ExampleConfig.FILE, folder);
          return new Loaded(loaded.file(), ExampleConfig.withoutFreezes(loaded.config()));
        },
        Optional.empty());
  }

  /**
   * On the example configuration as {@code edit} changes it, written to the test's folder; without
   * its weekend freeze unless the edited text adds freezes of its own after the example's (a test
   * of freezes appends a {@code freezes:} section of its own in place of the example's).
   */
  public static Builder onExampleConfig(UnaryOperator<String> edit) {
    return new Builder(
        folder ->
            load(
                write(folder, edit.apply(withoutFreezes(Files.readString(ExampleConfig.FILE)))),
                folder),
        Optional.empty());
  }

  /** The example's text without its {@code freezes:} section (the last one of the file). */
  static String withoutFreezes(String yaml) {
    int at = yaml.indexOf("\nfreezes:");
    return at < 0 ? yaml : yaml.substring(0, at + 1);
  }

  /**
   * The Slack front alone: {@link FrontConfig} and the {@code scripted} pipelines, no simulated
   * world; the Slack stand-in knows the bot by {@link ExampleConfig}'s token and signing secret.
   */
  public static Builder onFrontConfig(PipelineRegistry scripted) {
    return new Builder(
        folder -> new Loaded(configFile(folder), FrontConfig.write(folder)), Optional.of(scripted));
  }

  /**
   * The Slack front alone on {@link FrontConfig}, with {@code slices} instead of the registered
   * ones (a test's own slice), their pipelines on no cluster and no AWS.
   */
  public static Builder onFrontConfig(List<PipelineSlice> slices) {
    Builder builder =
        new Builder(
            folder -> new Loaded(configFile(folder), FrontConfig.write(folder)), Optional.empty());
    builder.frontSlices = Optional.of(List.copyOf(slices));
    return builder;
  }

  /** How the world is seeded and the bot started; {@link #start} starts them. */
  public static final class Builder {
    private final ConfigSource source;
    private final Optional<PipelineRegistry> scripted;
    private Optional<List<PipelineSlice>> frontSlices = Optional.empty();
    private Optional<Integer> replicas = Optional.empty();
    private PodTimings podTimings = QuickPods.TIMINGS;
    private Consumer<SimulatedWorld> seed = world -> {};
    private Consumer<SimulatedSlack> seedSlack = slack -> {};
    private Optional<String> gitHubWebhookSecret = Optional.empty();
    private boolean managementPort;
    private Optional<Duration> slackMinute = Optional.empty();

    private Builder(ConfigSource source, Optional<PipelineRegistry> scripted) {
      this.source = source;
      this.scripted = scripted;
    }

    /** Every seeded Deployment with {@code count} replicas (the world's default is 2). */
    public Builder replicas(int count) {
      this.replicas = Optional.of(count);
      return this;
    }

    /** Pods as slow as {@code timings} say, for a test about how long things take. */
    public Builder podTimings(PodTimings timings) {
      this.podTimings = timings;
      return this;
    }

    /** Done to the world once it is up, before the bot starts (records, delays, versions). */
    public Builder seed(Consumer<SimulatedWorld> seeding) {
      this.seed = this.seed.andThen(seeding);
      return this;
    }

    /** Done to the Slack workspace before the bot starts (user groups it looks up at once). */
    public Builder seedSlack(Consumer<SimulatedSlack> seeding) {
      this.seedSlack = this.seedSlack.andThen(seeding);
      return this;
    }

    /**
     * A GitHub stand-in ({@link #github()}) the preview pipelines report to, with webhook
     * deliveries signed with {@code webhookSecret}.
     */
    public Builder gitHub(String webhookSecret) {
      this.gitHubWebhookSecret = Optional.of(webhookSecret);
      return this;
    }

    /** {@code /readyz} and {@code /metrics} on a port of their own ({@code MANAGEMENT_PORT}). */
    public Builder managementPort() {
      this.managementPort = true;
      return this;
    }

    /**
     * Slack's rate-limit minute lasts {@code minute}, in the Slack stand-in and in the bot's rate
     * budget alike, so that a test of the rate limits runs minutes of Slack's time in seconds. The
     * stand-in enforces its tiers only when the test switches them on.
     */
    public Builder slackRateMinute(Duration minute) {
      this.slackMinute = Optional.of(minute);
      return seedSlack(slack -> slack.rateWindow(minute));
    }

    private ProcessSettings settings(Path file, SimulatedSlack slack) {
      ProcessSettings settings = new ProcessSettings(file, 0, slack.apiUrl());
      settings = managementPort ? settings.withManagementPort(0) : settings;
      return slackMinute.map(settings::withSlackRateMinute).orElse(settings);
    }

    /** The world (unless the front alone), then the bot, in {@code folder}. */
    public E2eWorld start(Path folder) throws Exception {
      Loaded loaded = source.load(folder);
      Path file = loaded.file();
      ShipmateConfig config = loaded.config();
      List<AutoCloseable> opened = new ArrayList<>();
      try {
        Clock clock = Clock.systemUTC();
        if (scripted.isPresent() || frontSlices.isPresent()) {
          SimulatedSlack slack =
              SimulatedSlack.start(
                  clock,
                  config.slack().botToken().value(),
                  config.slack().signingSecret().value(),
                  "127.0.0.1",
                  0);
          opened.add(slack);
          // Invited to the configured channels, as in the world: cards' threads need it.
          config.slack().channel().ifPresent(slack::addBotTo);
          config.environments().values().forEach(e -> e.channel().ifPresent(slack::addBotTo));
          seedSlack.accept(slack);
          ProcessSettings settings = settings(file, slack);
          Bot bot =
              scripted.isPresent()
                  ? Bot.start(config, settings, clock, scripted.get(), List.of())
                  : Bot.start(
                      config,
                      settings,
                      clock,
                      Pipelines.on(
                          config,
                          clock,
                          KubernetesClients.fromKubeconfig(folder.resolve("no-kubeconfig")),
                          URI.create("http://127.0.0.1:9/"),
                          frontSlices.get()));
          return new E2eWorld(
              config, Optional.empty(), slack, Optional.empty(), Optional.empty(), bot);
        }
        SimulatedWorld world = world(config, folder);
        opened.add(world);
        seedSlack.accept(world.slack());
        Optional<SimulatedGitHub> github =
            gitHubWebhookSecret.map(secret -> SimulatedGitHub.start());
        github.ifPresent(opened::add);
        KubernetesClients kubernetes = KubernetesClients.fromKubeconfig(world.kubeconfig());
        Pipelines pipelines =
            github.isPresent()
                ? Pipelines.on(
                    config,
                    clock,
                    kubernetes,
                    new GitHubSettings(
                        Optional.of(github.get().apiUrl().toString()),
                        Optional.of("ghp_test"),
                        gitHubWebhookSecret))
                : Pipelines.on(config, clock, kubernetes, world.aws().endpoint());
        Bot bot = Bot.start(config, settings(file, world.slack()), clock, pipelines);
        return new E2eWorld(
            config, Optional.of(world), world.slack(), github, Optional.of(pipelines), bot);
      } catch (Exception | Error e) {
        for (int i = opened.size() - 1; i >= 0; i--) {
          try {
            opened.get(i).close();
          } catch (Exception closing) {
            e.addSuppressed(closing);
          }
        }
        throw e;
      }
    }

    /** The world alone, seeded, for a bot that runs in a process of its own. */
    public SimulatedWorld startWorld(Path folder) throws Exception {
      return world(source.load(folder).config(), folder);
    }

    private SimulatedWorld world(ShipmateConfig config, Path folder) {
      WorldSettings settings =
          WorldSettings.in(folder.resolve("world")).withRealTime(true).withPodTimings(podTimings);
      SimulatedWorld world =
          SimulatedWorld.start(config, replicas.map(settings::withReplicas).orElse(settings));
      try {
        seed.accept(world);
        return world;
      } catch (RuntimeException | Error e) {
        world.close();
        throw e;
      }
    }
  }

  /** Where the configuration comes from: a file, written to the test's folder or not. */
  private interface ConfigSource {
    Loaded load(Path folder) throws Exception;
  }

  private record Loaded(Path file, ShipmateConfig config) {}

  private static Loaded load(Path file, Path folder) throws Exception {
    return new Loaded(file, ConfigFiles.load(file, env(folder)).orThrow());
  }

  private static Path write(Path folder, String yaml) {
    try {
      Files.createDirectories(folder);
      return Files.writeString(configFile(folder), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where a configuration of the test's own is written in its folder. */
  public static Path configFile(Path folder) {
    return folder.resolve("shipmate.yaml");
  }

  /** What {@code serve} needs besides the world's own variables: Slack secrets, the store. */
  public static Map<String, String> env(Path folder) {
    return Map.of(
        "SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN,
        "SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET,
        "SLACK_APP_TOKEN", SimulatedSlack.DEFAULT_APP_TOKEN,
        "SHIPMATE_DB_URL", "jdbc:h2:file:" + folder.resolve("db/shipmate"));
  }

  /** The configuration the bot and the world were started from. */
  public ShipmateConfig config() {
    return config;
  }

  public SimulatedWorld world() {
    return world.orElseThrow(() -> new IllegalStateException("the front alone has no world"));
  }

  /** The Slack workspace: the world's, or the front's own. */
  public SimulatedSlack slack() {
    return slack;
  }

  public Bot bot() {
    return bot;
  }

  public Pipelines pipelines() {
    return pipelines.orElseThrow(() -> new IllegalStateException("scripted pipelines"));
  }

  public SimulatedGitHub github() {
    return github.orElseThrow(() -> new IllegalStateException("started without gitHub(…)"));
  }

  /** Slack's side of the bot: signed slash commands and clicks. */
  public SlackClientSimulator client() {
    return client;
  }

  /** Where Slack posts commands, clicks and events. */
  public URI events() {
    return bot.localUri().resolve("/slack/events");
  }

  /** A signed slash command, as Slack sends it. */
  public BotResponse command(String channel, String user, String command, String text) {
    return client.slashCommand(channel, user, command, text);
  }

  /** A click on a button of a card, as Slack sends it. */
  public BotResponse click(String user, SlackMessage card, String actionId) {
    SlackMessage now = slack.message(card.channel(), card.ts()).orElse(card);
    return client.blockAction(
        card.channel(), user, card.ts(), actionId, SlackCards.buttonValue(now, actionId));
  }

  /**
   * Sends {@code /shipmate help} and waits for its answer: the first request a bot serves loads
   * what every later one finds loaded (Bolt's handlers, Jetty's threads), which on a busy machine
   * takes seconds. A test that times the next request against a deadline (a modal's trigger id
   * expires 3 s after the command was sent) warms the bot first, as a bot in service is warm.
   */
  public E2eWorld warmUp() {
    warm = true;
    BotResponse answer =
        command(config.slack().channel().orElse("C0DEPLOYS"), "U0WARMUP", "/shipmate", "help");
    if (answer.status() != 200) {
      throw new AssertionError("the warm-up got " + answer.status() + ": " + answer.body());
    }
    return this;
  }

  /**
   * A command on a target that asks for a confirmation ({@code confirm: true}), confirmed as its
   * user would: the bot acks with nothing and opens a modal, which is submitted. Answers what the
   * user was told privately next: {@code Started d-4k2p: …}, or why nothing started. A command the
   * bot answers in its ack instead (a refusal) answers that. The bot is warmed first ({@link
   * #warmUp}), once.
   */
  public String confirmed(String channel, String user, String command, String text) {
    if (!warm) {
      warmUp();
    }
    int told = ephemeralsTo(user).size();
    BotResponse ack = command(channel, user, command, text);
    if (ack.status() != 200) {
      throw new AssertionError("the bot answered " + ack.status() + ": " + ack.body());
    }
    if (!ack.body().isBlank()) {
      return text(ack);
    }
    SlackView modal = awaitModal(user);
    BotResponse submitted = client.submitView(modal.id());
    if (submitted.status() != 200) {
      throw new AssertionError(
          "the submission got " + submitted.status() + ": " + submitted.body());
    }
    return awaitToldAfter(user, told);
  }

  /** The modal the bot opened in front of {@code user}, once it is open. */
  public SlackView awaitModal(String user) {
    Await.until("a modal open in front of " + user, () -> slack.openView(user).isPresent());
    return slack.openView(user).orElseThrow();
  }

  /** The first ephemeral message to {@code user} after the {@code told} first ones; its text. */
  public String awaitToldAfter(String user, int told) {
    Await.until(
        "a private answer to " + user + " after the " + told + " before",
        () -> ephemeralsTo(user).size() > told);
    return ephemeralsTo(user).get(told).text();
  }

  /** The run id a text names ({@code Started d-4k2p: …}). */
  public static String runIdIn(String text) {
    Matcher matcher = RUN_ID.matcher(text);
    if (!matcher.find()) {
      throw new AssertionError("no started run is named in: " + text);
    }
    return matcher.group(1);
  }

  /** The run id an ack names ({@code Started d-4k2p: …}). */
  public static String runId(BotResponse ack) {
    Matcher matcher = RUN_ID.matcher(ack.body());
    if (!matcher.find()) {
      throw new AssertionError("the ack names no started run: " + ack.body());
    }
    return matcher.group(1);
  }

  /** The text of the bot's answer to a command (its ack), as Slack would show it. */
  public static String text(BotResponse ack) {
    return JsonParser.parseString(ack.body()).getAsJsonObject().get("text").getAsString();
  }

  /** The run card of {@code runId} in {@code channel}, once it is there. */
  public SlackMessage card(String channel, String runId) {
    Await.until(
        "the card of " + runId + " in " + channel, () -> findCard(channel, runId).isPresent());
    return findCard(channel, runId).orElseThrow();
  }

  private Optional<SlackMessage> findCard(String channel, String runId) {
    return slack.topLevel(channel).stream()
        .filter(m -> SlackCards.text(m).contains(runId))
        .findFirst();
  }

  /** The {@code n}th top-level message in {@code channel} (from 1), once there are {@code n}. */
  public SlackMessage awaitCard(String channel, int n) {
    Await.until(n + " run cards in " + channel, () -> slack.topLevel(channel).size() >= n);
    return slack.topLevel(channel).get(n - 1);
  }

  /** The card as it is now (chat.update changes it): its fallback text and blocks. */
  public String cardText(SlackMessage card) {
    return slack.message(card.channel(), card.ts()).map(SlackCards::text).orElse("");
  }

  /** The thread's replies, oldest first. */
  public List<SlackMessage> replies(SlackMessage card) {
    return slack.thread(card.channel(), card.ts()).stream().filter(SlackMessage::isReply).toList();
  }

  /** The replies' texts, one a line: what the thread says in notifications, without blocks. */
  public String threadText(SlackMessage card) {
    return String.join("\n", replies(card).stream().map(SlackMessage::text).toList());
  }

  /** The replies' texts and blocks, one a line: what Slack shows, a step's output included. */
  public String threadShown(SlackMessage card) {
    return String.join("\n", replies(card).stream().map(SlackCards::text).toList());
  }

  /** Waits until the thread shows {@code outcome}, and answers what it shows. */
  public String awaitOutcome(SlackMessage card, String outcome) {
    Await.until(
        "the thread of " + card.ts() + " to say " + outcome,
        () -> threadShown(card).contains(outcome));
    return threadShown(card);
  }

  /** The ephemeral messages {@code user} has been shown so far, oldest first. */
  public List<SlackEphemeral> ephemeralsTo(String user) {
    return slack.ephemerals().stream().filter(e -> user.equals(e.user())).toList();
  }

  /** Waits for an ephemeral message to {@code user} containing {@code text}; answers its text. */
  public String awaitEphemeral(String user, String text) {
    Await.until(
        "an ephemeral message to " + user + " containing '" + text + "'",
        () -> ephemeralsTo(user).stream().anyMatch(e -> e.text().contains(text)));
    return ephemeralsTo(user).stream()
        .map(SlackEphemeral::text)
        .filter(t -> t.contains(text))
        .findFirst()
        .orElseThrow();
  }

  public KubernetesClient cluster(String name) {
    return world().cluster(name).client();
  }

  public Deployment deployment(String cluster, String namespace, String name) {
    return cluster(cluster).apps().deployments().inNamespace(namespace).withName(name).get();
  }

  /** The image of the Deployment's first container, as the simulated cluster holds it. */
  public String image(String cluster, String namespace, String name) {
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
      try {
        github.ifPresent(SimulatedGitHub::close);
      } finally {
        world.ifPresentOrElse(SimulatedWorld::close, slack::close);
      }
    }
  }
}
