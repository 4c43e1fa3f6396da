package dev.shipmate.bot.serve;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.methods.MethodsClient;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.SlackUserGroupDirectory;
import dev.shipmate.bot.auth.SlackUserGroups;
import dev.shipmate.bot.command.CommandRouter;
import dev.shipmate.bot.command.CutoverCommands;
import dev.shipmate.bot.command.DeployQueries;
import dev.shipmate.bot.command.DriftCommands;
import dev.shipmate.bot.command.RollbackFromCard;
import dev.shipmate.bot.command.RunControls;
import dev.shipmate.bot.command.RunPolicies;
import dev.shipmate.bot.command.UpgradeCommands;
import dev.shipmate.bot.drift.DriftGauges;
import dev.shipmate.bot.drift.DriftWiring;
import dev.shipmate.bot.drift.DriftWorld;
import dev.shipmate.bot.home.AppHomeListener;
import dev.shipmate.bot.home.HomeView;
import dev.shipmate.bot.home.RecentRuns;
import dev.shipmate.bot.http.OperationsEndpoints;
import dev.shipmate.bot.http.ShipmateHttpServer;
import dev.shipmate.bot.metrics.RunMetricsListener;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.bot.metrics.SlackCallMetrics;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.preview.PreviewFront;
import dev.shipmate.bot.preview.PreviewSetup;
import dev.shipmate.bot.report.RunCardProjector;
import dev.shipmate.bot.report.SlackRunReporter;
import dev.shipmate.bot.slack.EphemeralReplies;
import dev.shipmate.bot.slack.RollBackButtonListener;
import dev.shipmate.bot.slack.RunButtonListener;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slack.SlashCommandListener;
import dev.shipmate.bot.slack.ThreadReplies;
import dev.shipmate.bot.slack.publish.CardPublisher;
import dev.shipmate.bot.slack.publish.PublishPolicy;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.bot.wiring.EngineBinding;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.commands.Catalog;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.config.Policy;
import dev.shipmate.config.Principal;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: the engine (runs), the Slack app wired to the command grammar, the run cards
 * kept current in Slack, all served over HTTP. Opened in that order, and closed in reverse.
 */
public final class Bot implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  /** A Slack retry comes within minutes; request keys are kept a day, then forgotten. */
  private static final Duration REQUEST_KEYS_KEPT = Duration.ofDays(1);

  /** How long a stop waits for the last card updates and notes to reach Slack. */
  private static final Duration DRAIN = Duration.ofSeconds(3);

  private final List<AutoCloseable> parts;
  private final Engine engine;
  private final ShipmateHttpServer server;

  private Bot(List<AutoCloseable> parts, Engine engine, ShipmateHttpServer server) {
    this.parts = parts;
    this.engine = engine;
    this.server = server;
  }

  /**
   * The bot with the production pipelines of {@link Pipelines}, on the clusters of the kubeconfig
   * found the standard way.
   */
  public static Bot start(ShipmateConfig config, ProcessSettings settings, Clock clock)
      throws Exception {
    return start(config, settings, clock, Pipelines.production(config, clock));
  }

  /** The bot with the production pipelines of {@code pipelines}, which it closes when it stops. */
  public static Bot start(
      ShipmateConfig config, ProcessSettings settings, Clock clock, Pipelines pipelines)
      throws Exception {
    try {
      return start(
          config,
          settings,
          clock,
          pipelines.registry(),
          pipelines.classifiers(),
          pipelines,
          Optional.of(pipelines.gateways()),
          pipelines.previews());
    } catch (Exception | Error didNotStart) {
      pipelines.close();
      throw didNotStart;
    }
  }

  /** The bot with pipelines that need no engine binding (tests' scripted pipelines). */
  public static Bot start(
      ShipmateConfig config,
      ProcessSettings settings,
      Clock clock,
      PipelineRegistry pipelines,
      List<ExceptionClassifier> classifiers)
      throws Exception {
    return start(
        config,
        settings,
        clock,
        pipelines,
        classifiers,
        EngineBinding.NONE,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Opens the engine on {@code config.store()}, builds the Slack app, serves it on {@code
   * settings.port()}, then starts the engine (recovery, wake-ups). The Slack token and signing
   * secret must not be blank (see {@link SlackSecrets}).
   *
   * @throws StoreUnavailableException when the store cannot be opened or migrated
   * @throws SlackTokenRejectedException when the Slack Web API does not confirm the bot token
   * @throws Exception when the HTTP server cannot start, typically because the port is taken
   */
  private static Bot start(
      ShipmateConfig config,
      ProcessSettings settings,
      Clock clock,
      PipelineRegistry pipelines,
      List<ExceptionClassifier> classifiers,
      EngineBinding binding,
      Optional<DeploymentGateways> clusters,
      Optional<PreviewSetup> previews)
      throws Exception {
    // Closed in reverse order of opening if anything fails, and on close.
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      ShipmateMetrics metrics = ShipmateMetrics.create(config.clusters().keySet());
      Slack slack =
          SlackApp.client(settings.slackApiUrl(), new SlackCallMetrics(metrics.registry()));
      String token = config.slack().botToken().value();
      MethodsClient methods = slack.methods(token);
      ExecutorService slackWork = executor("shipmate-slack", 2);
      opened.add(() -> drain(slackWork));
      ScheduledThreadPoolExecutor publishing = executor("shipmate-card-publisher", 2);
      opened.add(() -> drain(publishing));

      Engine engine;
      try {
        engine = Engine.open(config.store(), pipelines, EngineSettings.defaults(), classifiers);
      } catch (RuntimeException cannotOpen) {
        throw new StoreUnavailableException(config.store(), cannotOpen);
      }
      opened.add(engine);
      engine.addListener(new RunMetricsListener(metrics.registry(), engine::steps));
      metrics.locksHeld(() -> engine.active().size());
      // Closed after the engine has stopped (below), so that no step uses a closed client.
      binding.bind(engine);
      opened.add(binding);

      SlackUserGroups userGroups =
          new SlackUserGroups(
              new SlackUserGroupDirectory(methods), clock, SlackUserGroups.DEFAULT_TTL);
      Authorizer authorizer = new Authorizer(config.groups(), userGroups);
      RunPolicies policies = new RunPolicies(config);
      RunControls controls = new RunControls(engine, authorizer, policies);
      Optional<DriftWiring> drift =
          DriftWiring.start(
              config,
              () -> DriftWorld.fromEnvironment(config),
              slack,
              token,
              clock,
              new DriftGauges(metrics));
      drift.ifPresent(opened::add);
      EphemeralReplies replies = new EphemeralReplies(methods, slackWork);
      UpgradeCommands upgrades =
          new UpgradeCommands(
              config, engine, pipelines, authorizer, controls, replies, slackWork, clock);
      CutoverCommands cutovers =
          new CutoverCommands(
              config, engine, pipelines, authorizer, controls, slackWork, replies::tell, clock);
      // Cluster reads for dry runs and /whats-deployed: slow at worst, so not on Slack's threads.
      ExecutorService clusterReads = executor("shipmate-cluster-reads", 2);
      opened.add(() -> drain(clusterReads));
      DeployQueries deployQueries =
          new DeployQueries(config, engine, authorizer, clusters, replies, clusterReads);
      Optional<PreviewFront> previewFront =
          previews.map(p -> new PreviewFront(p, config, engine, methods, replies, clock));
      previewFront.ifPresent(opened::add);
      CommandRouter router =
          new CommandRouter(
              config,
              engine,
              pipelines,
              authorizer,
              controls,
              new CommandRouter.Families(
                  upgrades,
                  deployQueries,
                  cutovers,
                  previewFront.map(PreviewFront::commands),
                  drift.map(d -> DriftCommands.of(d.reports())).orElse(DriftCommands.NONE)),
              clock);
      Map<RunActionKind, BlockActionHandler> buttons = new EnumMap<>(RunActionKind.class);
      for (RunActionKind kind : RunButtonListener.HANDLED) {
        buttons.put(kind, new RunButtonListener(kind, engine, controls, replies, clock));
      }
      buttons.put(
          RunActionKind.ROLL_BACK,
          new RollBackButtonListener(
              engine,
              new RollbackFromCard(config, engine, authorizer, clock),
              replies,
              new ThreadReplies(methods, slackWork)));
      previewFront.ifPresent(p -> buttons.put(RunActionKind.EXTEND, p.extendButton()));
      AppHomeListener home =
          new AppHomeListener(
              engine,
              new RecentRuns(engine, pipelines, config),
              new HomeView(clock),
              methods,
              slackWork);
      App app =
          SlackApp.create(
              token,
              config.slack().signingSecret().value(),
              slack,
              new SlashCommandListener(new CommandGrammar(Catalog.of(config)), router),
              buttons,
              home);
      drift.ifPresent(d -> d.register(app, replies));
      // Starting now rather than on the first request makes Bolt check the token before we serve.
      try {
        app.start();
      } catch (IllegalArgumentException tokenNotConfirmed) {
        throw new SlackTokenRejectedException(settings.slackApiUrl(), tokenNotConfirmed);
      }
      opened.add(app::stop);

      CardPublisher publisher =
          new CardPublisher(
              slack, token, new SlackRenderer(clock), publishing, clock, PublishPolicy.DEFAULT);
      SlackRunReporter reporter =
          new SlackRunReporter(engine, publisher, new RunCardProjector(pipelines, policies));
      opened.add(reporter);
      engine.addListener(reporter);

      // Stopped before the reporter drains, so that no run moves while its last events go out.
      opened.add(engine::stop);
      Map<String, HttpServlet> endpoints = new LinkedHashMap<>();
      previewFront
          .flatMap(PreviewFront::webhook)
          .ifPresent(webhook -> endpoints.put(PreviewFront.WEBHOOK_PATH, webhook));
      ShipmateHttpServer server =
          ShipmateHttpServer.start(
              settings.port(),
              app,
              clock,
              new OperationsEndpoints(engine::readiness, metrics),
              endpoints);
      opened.add(server);

      reporter.adoptActive();
      engine.forgetRequestsBefore(clock.instant().minus(REQUEST_KEYS_KEPT));
      engine.start();
      previewFront.ifPresent(PreviewFront::startReaper);
      for (String group : slackUserGroups(config)) {
        slackWork.execute(() -> userGroups.warm(group));
      }
      return new Bot(opened, engine, server);
    } catch (Exception | Error didNotStart) {
      closeAll(opened);
      throw didNotStart;
    }
  }

  public int port() {
    return server.port();
  }

  public URI localUri() {
    return server.localUri();
  }

  /** The engine the bot runs, for what it is asked directly (local mode, tests). */
  public Engine engine() {
    return engine;
  }

  /** Blocks until the bot has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops serving, letting requests in flight finish, then stops the engine, lets the last card
   * updates go to Slack for a few seconds, and stops the Slack app.
   */
  @Override
  public void close() {
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        log.warn("stopping {} failed", parts.get(i), e);
      }
    }
  }

  private static ScheduledThreadPoolExecutor executor(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, factory);
    // On stop, what is due now still goes; waits for later (backoffs, rate limits) are dropped.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private static void drain(ExecutorService executor) throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
      executor.shutdownNow();
    }
  }

  private static Set<String> slackUserGroups(ShipmateConfig config) {
    List<Policy> policies = new ArrayList<>();
    config.environments().values().forEach(e -> policies.add(e.policy()));
    config.clusters().values().forEach(c -> policies.add(c.policy()));
    config.cutovers().values().forEach(c -> policies.add(c.policy()));
    Set<String> groups = new LinkedHashSet<>();
    for (Policy policy : policies) {
      for (Principal principal : policy.allowed()) {
        if (principal instanceof Principal.SlackUserGroup group) {
          groups.add(group.id());
        }
      }
      for (Principal principal : policy.approvers()) {
        if (principal instanceof Principal.SlackUserGroup group) {
          groups.add(group.id());
        }
      }
    }
    return groups;
  }
}
