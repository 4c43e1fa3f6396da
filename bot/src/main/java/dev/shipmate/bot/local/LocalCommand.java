package dev.shipmate.bot.local;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ConfigFiles.MissingConfigFileException;
import dev.shipmate.bot.ConfigOption;
import dev.shipmate.bot.Main;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.ProcessSettings.InvalidSettingsException;
import dev.shipmate.bot.ShipmateVersion;
import dev.shipmate.bot.drift.DriftWiring;
import dev.shipmate.bot.http.ShipmateHttpServer;
import dev.shipmate.bot.http.ShipmateHttpServer.PortUnavailableException;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.serve.SlackTokenRejectedException;
import dev.shipmate.bot.serve.StoreUnavailableException;
import dev.shipmate.bot.slice.GitHubSettings;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.LoadResult;
import dev.shipmate.config.Previews;
import dev.shipmate.config.Secret;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.SlackSettings;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.world.FastClock;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shipmate local}: airplane mode. The simulated world (Kubernetes, AWS and Slack stand-ins,
 * on real time), the whole bot against it, and a console on the terminal that plays the Slack
 * client: no credentials, no network.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    versionProvider = ShipmateVersion.class,
    description = {
      "Run the bot in airplane mode: on the simulated world, with a web view that looks like a"
          + " Slack channel (at / on the bot's port) and a terminal console for slash commands"
          + " and buttons.",
      "The configuration is --config, else $SHIPMATE_CONFIG, else ./shipmate.yaml if it exists,"
          + " else the example packed in the jar (config/examples/local.yaml). Cards go to the"
          + " Slack stand-in (or to $SLACK_API_URL when set). Logs go to DIR/shipmate.log."
    })
public final class LocalCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(LocalCommand.class);

  @Mixin private ConfigOption configOption;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The bot's HTTP port: $PORT, else 3000; 0 picks a free port.")
  private Integer port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "data/local",
      description =
          "Where the store, the world's files and the log go (default: ${DEFAULT-VALUE}).")
  private Path data;

  @Spec private CommandSpec spec;

  /** Where local mode's logs go, in the data folder. */
  public static final String LOG_FILE = "shipmate.log";

  private final Map<String, String> env;
  private final Clock clock;
  private final Reader in;
  private final boolean logsToFile;

  /**
   * Reads the console from the process's standard input; the process's logs go to {@code
   * DIR/shipmate.log}, so that the terminal shows only the chat.
   */
  public LocalCommand(Map<String, String> env, Clock clock) {
    this(env, clock, new InputStreamReader(System.in, Charset.defaultCharset()), true);
  }

  /** Reads the console from {@code in}; logging is left as it is (a test's JVM). */
  public LocalCommand(Map<String, String> env, Clock clock, Reader in) {
    this(env, clock, in, false);
  }

  private LocalCommand(Map<String, String> env, Clock clock, Reader in, boolean logsToFile) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.in = in;
    this.logsToFile = logsToFile;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Path> own =
        LocalDefaults.configFile(configOption.named(), env, Path.of("").toAbsolutePath());
    ProcessSettings fromEnv;
    LoadResult result;
    Path file;
    try {
      Files.createDirectories(data);
      if (logsToFile) {
        LogFile.redirectTo(data.resolve(LOG_FILE));
      }
      file = own.orElseGet(() -> EmbeddedExample.writeTo(data.resolve("example")));
      fromEnv = ProcessSettings.from(env);
      result = ConfigFiles.load(file, configEnvironment(fromEnv));
    } catch (InvalidSettingsException | MissingConfigFileException cannotStart) {
      err.println("Local mode cannot start. " + cannotStart.getMessage());
      return Main.EXIT_FAILURE;
    }
    if (!result.ok()) {
      err.println(
          "Local mode cannot start: "
              + file
              + " is not valid. Fix it (check with `shipmate validate`), or start without"
              + " --config (and without $SHIPMATE_CONFIG or ./shipmate.yaml) to run the example.");
      result.errors().forEach(problem -> err.println(ConfigFiles.line(problem)));
      return Main.EXIT_FAILURE;
    }
    ShipmateConfig seeding = result.orThrow();
    WorldSettings settings =
        FastClock.settings(
            WorldSettings.in(data.resolve("world").toAbsolutePath()).withRealTime(true));
    SimulatedWorld world = SimulatedWorld.start(seeding, settings);
    FastClock.apply(world, seeding);
    Bot bot;
    ShipmateConfig config;
    String channel;
    String user;
    WebView web;
    try {
      config = overHttp(withWorld(file, fromEnv, seeding, settings, world));
      channel = commandChannel(config, world.slack());
      user = LocalDefaults.user(config);
      web =
          new WebView(
              world.slack(),
              config.slack().signingSecret().value(),
              clock,
              personas(config, user),
              user,
              channel);
      bot = startBot(config, file, fromEnv, world, web);
    } catch (PortUnavailableException
        | SlackTokenRejectedException
        | StoreUnavailableException cannotStart) {
      world.close();
      err.println(
          "Local mode cannot start: "
              + cannotStart.getMessage()
              + (cannotStart instanceof PortUnavailableException
                  ? " Pick another with --port N, or --port 0 for any free one."
                  : ""));
      return Main.EXIT_FAILURE;
    } catch (Exception | Error failed) {
      world.close();
      throw failed;
    }
    web.connect(bot.localUri().resolve(ShipmateHttpServer.SLACK_EVENTS_PATH));
    Shutdown shutdown = new Shutdown(web, bot, world);
    Thread hook = new Thread(shutdown::run, "shipmate-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      WorldCommands worldCommands =
          new WorldCommands(
              world,
              config.previews().flatMap(Previews::github).map(Previews.GitHub::repo).orElse(""),
              config.drift().map(drift -> (Runnable) () -> bot.engine().fireNow(DriftWiring.JOB)),
              bot.localUri().resolve("/github/webhook"));
      Console console =
          new Console(
              env.containsKey("SLACK_API_URL")
                  ? new SlackClientSimulator(
                      bot.localUri().resolve("/slack/events"),
                      config.slack().signingSecret().value(),
                      clock)
                  : new SlackClientSimulator(
                      bot.localUri().resolve("/slack/events"), world.slack(), clock),
              channel,
              user,
              new ConsoleRenderer(),
              out,
              worldCommands::run,
              WorldCommands.HELP);
      world.slack().addListener(console);
      out.println(
          banner(
              own.isEmpty() ? "the example packed in the jar, written to " : "",
              file,
              config,
              bot,
              world,
              channel,
              user));
      out.flush();
      return console.run(in);
    } finally {
      shutdown.run();
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  /**
   * The environment the configuration is read with: the stand-in's Slack credentials (unless the
   * bot talks to a real Slack API) and a store under {@code --data}, whatever the shell says, so
   * that airplane mode never touches a production database.
   */
  private Map<String, String> configEnvironment(ProcessSettings fromEnv) {
    Map<String, String> variables = new HashMap<>(env);
    if (!env.containsKey("SLACK_API_URL")) {
      variables.put("SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN);
      variables.put("SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET);
    } else {
      variables.putIfAbsent("SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN);
      variables.putIfAbsent("SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET);
    }
    variables.put(
        "SHIPMATE_DB_URL", "jdbc:h2:file:" + data.resolve("shipmate").toAbsolutePath().normalize());
    return variables;
  }

  /**
   * The configuration read again, now that the world serves what it may name: the green stack's
   * health URL ({@code SANDBOX_GREEN_HEALTH_URL}), its Prometheus ({@code SANDBOX_PROMETHEUS_URL})
   * and a drift repository made from what the world runs ({@code SANDBOX_DRIFT_GIT}). The
   * airplane-mode example names both.
   */
  private ShipmateConfig withWorld(
      Path file,
      ProcessSettings fromEnv,
      ShipmateConfig seeding,
      WorldSettings settings,
      SimulatedWorld world)
      throws Exception {
    Map<String, String> variables = new HashMap<>(configEnvironment(fromEnv));
    variables.putIfAbsent(SimulatedWorld.GREEN_HEALTH_URL, world.greenHealth().url().toString());
    variables.putIfAbsent(SimulatedWorld.PROMETHEUS_URL, world.prometheus().url().toString());
    if (seeding.drift().isPresent()) {
      Path repository =
          LocalDriftRepository.create(
              data.resolve("world").resolve("k8s").toAbsolutePath(), seeding, settings);
      variables.putIfAbsent(LocalDriftRepository.VARIABLE, repository.toString());
    }
    return ConfigFiles.load(file, variables).orThrow();
  }

  /**
   * The configuration with Slack over HTTP: the console and the web view play Slack by posting to
   * {@code /slack/events}, so a {@code slack.mode: socket} of the file is set aside here (and said
   * so in the log); {@code serve} honours it.
   */
  private static ShipmateConfig overHttp(ShipmateConfig config) {
    SlackSettings slack = config.slack();
    if (slack.mode() == SlackSettings.Mode.HTTP) {
      return config;
    }
    log.info("local mode: slack.mode socket set aside; the console and the web view use HTTP");
    // A Socket Mode file may name no signing secret: the stand-in's, never an empty one.
    Secret signingSecret =
        slack.signingSecret().isBlank()
            ? new Secret(SimulatedSlack.DEFAULT_SIGNING_SECRET)
            : slack.signingSecret();
    return config.withSlack(
        new SlackSettings(
            SlackSettings.Mode.HTTP,
            slack.botToken(),
            signingSecret,
            slack.appToken(),
            slack.channel()));
  }

  private Bot startBot(
      ShipmateConfig config, Path file, ProcessSettings fromEnv, SimulatedWorld world, WebView web)
      throws Exception {
    URI slackApi =
        env.containsKey("SLACK_API_URL") ? fromEnv.slackApiUrl() : slackApiOf(world.slack());
    ProcessSettings settings =
        new ProcessSettings(file, port != null ? port : fromEnv.port(), slackApi);
    Pipelines pipelines =
        Pipelines.on(
            config,
            clock,
            KubernetesClients.fromKubeconfig(world.kubeconfig()),
            world.aws().endpoint(),
            GitHubSettings.from(world.github().environment()));
    return Bot.start(config, settings, clock, pipelines, web.servlets());
  }

  private static URI slackApiOf(SimulatedSlack slack) {
    String url = slack.apiUrl().toString();
    return URI.create(url.endsWith("/") ? url : url + "/");
  }

  /** Whom the web view offers to act as: the default user, then every member of a group. */
  private static List<String> personas(ShipmateConfig config, String user) {
    Set<String> personas = new LinkedHashSet<>();
    personas.add(user);
    config.groups().values().forEach(personas::addAll);
    return List.copyOf(personas);
  }

  /**
   * The configuration's default channel, known to the stand-in with the bot a member (as someone
   * who set Shipmate up would have invited it), so that cards and their threads can go there.
   */
  private static String commandChannel(ShipmateConfig config, SimulatedSlack slack) {
    String channel = config.slack().channel().orElse("C0LOCAL");
    slack.addBotTo(channel);
    return channel;
  }

  private String banner(
      String origin,
      Path file,
      ShipmateConfig config,
      Bot bot,
      SimulatedWorld world,
      String channel,
      String user) {
    boolean ownSlack = !env.containsKey("SLACK_API_URL");
    return String.join(
        "\n",
        "Shipmate local mode: the whole bot on a simulated world. Nothing here reaches a real"
            + " cluster, AWS or Slack.",
        "  web view        " + bot.localUri().resolve("/"),
        "  configuration   " + origin + file.toAbsolutePath().normalize(),
        "  log             " + data.resolve(LOG_FILE).toAbsolutePath().normalize(),
        "  store           " + config.store().url(),
        "  bot             " + bot.localUri() + "/slack/events",
        "  clusters        "
            + String.join(", ", config.clusters().keySet())
            + " (simulated; KUBECONFIG="
            + world.kubeconfig()
            + ")",
        "  Slack           "
            + (ownSlack
                ? "the stand-in at " + world.slack().apiUrl()
                : "$SLACK_API_URL: cards go there and are not shown here"),
        "You are " + user + " in #" + channel + ". Try:",
        "  /shipmate help",
        "  /deploy web v1.1 staging",
        "  /deploy web v1.2-crashloop staging   (tags -imagepull, -crashloop, -unready fail that"
            + " way)",
        "  as U01SRE2, then approve              (to approve a run someone else asked for)",
        "With the example, /deploy … prod, /cutover and /upgrade are for sre (as U01SRE1);"
            + " /env up pr-123 and /drift for anyone.",
        "Type help for the console's commands, quit (or Ctrl-D) to stop.");
  }

  /** Stops the bot, then the world, once: on quit, or on Ctrl-C through a shutdown hook. */
  private static final class Shutdown {
    private final AtomicBoolean done = new AtomicBoolean();
    private final WebView web;
    private final Bot bot;
    private final SimulatedWorld world;

    Shutdown(WebView web, Bot bot, SimulatedWorld world) {
      this.web = web;
      this.bot = bot;
      this.world = world;
    }

    void run() {
      if (done.compareAndSet(false, true)) {
        try {
          // Its open event streams would hold the HTTP server's graceful stop for seconds.
          web.close();
          bot.close();
        } finally {
          world.close();
        }
      }
    }
  }
}
