package dev.shipmate.bot.serve;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.SlackUserGroupDirectory;
import dev.shipmate.bot.auth.SlackUserGroups;
import dev.shipmate.bot.dispatch.BotExecutors;
import dev.shipmate.bot.home.AppHomeListener;
import dev.shipmate.bot.home.HomeView;
import dev.shipmate.bot.home.RecentRuns;
import dev.shipmate.bot.http.OperationsEndpoints;
import dev.shipmate.bot.http.RequestLimits;
import dev.shipmate.bot.http.ShipmateHttpServer;
import dev.shipmate.bot.metrics.RunMetricsListener;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.bot.metrics.SlackCallMetrics;
import dev.shipmate.bot.report.CardLinkReplies;
import dev.shipmate.bot.report.RunCardProjector;
import dev.shipmate.bot.report.SlackRunReporter;
import dev.shipmate.bot.report.StoredCards;
import dev.shipmate.bot.slack.ButtonListener;
import dev.shipmate.bot.slack.ConfirmationListener;
import dev.shipmate.bot.slack.ConfirmationModals;
import dev.shipmate.bot.slack.EphemeralReplies;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slack.SlashCommandListener;
import dev.shipmate.bot.slack.SocketModeConnection;
import dev.shipmate.bot.slack.ThreadReplies;
import dev.shipmate.bot.slack.budget.RateBudgetInterceptor;
import dev.shipmate.bot.slack.budget.SlackRateBudget;
import dev.shipmate.bot.slack.budget.SlackTiers;
import dev.shipmate.bot.slack.publish.CardPublisher;
import dev.shipmate.bot.slack.publish.PublishPolicy;
import dev.shipmate.bot.slack.publish.SlackChatGateway;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.Slices;
import dev.shipmate.bot.wiring.BotFront;
import dev.shipmate.bot.wiring.EngineBinding;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.bot.wiring.Registration;
import dev.shipmate.commands.Catalog;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.config.Policy;
import dev.shipmate.config.Principal;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.SlackSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    return start(config, settings, clock, pipelines, Map.of());
  }

  /**
   * The bot with the production pipelines of {@code pipelines}, and {@code more} servlets by path
   * on its HTTP port (local mode's web view).
   */
  public static Bot start(
      ShipmateConfig config,
      ProcessSettings settings,
      Clock clock,
      Pipelines pipelines,
      Map<String, HttpServlet> more)
      throws Exception {
    try {
      return start(
          config,
          settings,
          clock,
          pipelines.registry(),
          pipelines.classifiers(),
          pipelines,
          pipelines.slices(),
          more);
    } catch (Exception | Error didNotStart) {
      pipelines.close();
      throw didNotStart;
    }
  }

  /**
   * The bot with pipelines that need no engine binding (tests' scripted pipelines), behind the
   * registered slices' commands and buttons.
   */
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
        Registration.slices(),
        Map.of());
  }

  /**
   * Opens the engine on {@code config.store()}, builds the Slack app with every slice's commands
   * and buttons, serves it on {@code settings.port()}, then starts the engine (recovery, wake-ups).
   * The Slack token and signing secret must not be blank (see {@link SlackSecrets}).
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
      List<PipelineSlice> sliceList,
      Map<String, HttpServlet> more)
      throws Exception {
    // Closed in reverse order of opening if anything fails, and on close.
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      ShipmateMetrics metrics = ShipmateMetrics.create(config.clusters().keySet());
      BotExecutors executors = new BotExecutors();
      opened.add(executors);
      // One budget for every Web API call of this process, whoever makes it (docs/slack.md).
      SlackRateBudget budget =
          new SlackRateBudget(
              SlackTiers.documented(settings.slackRateMinute()),
              clock,
              executors.scheduled("shipmate-slack-budget"));
      Slack slack =
          SlackApp.client(
              settings.slackApiUrl(),
              new RateBudgetInterceptor(budget, settings.slackApiUrl(), clock),
              new SlackCallMetrics(metrics.registry()));
      String token = config.slack().botToken().value();
      MethodsClient methods = slack.methods(token);

      Engine engine;
      try {
        engine =
            Engine.open(
                config.store(),
                pipelines,
                EngineSettings.defaults().withChangeControl(config.inFlight(), config.watchdogs()),
                classifiers,
                new FreezeCalendar(config.freezes()));
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
              new SlackUserGroupDirectory(methods),
              clock,
              SlackUserGroups.DEFAULT_TTL,
              executors.slack());
      Authorizer authorizer = new Authorizer(config.groups(), userGroups);
      EphemeralReplies replies = new EphemeralReplies(slack, methods, executors.slack());
      CardLinkReplies cardLinks =
          new CardLinkReplies(
              new SlackChatGateway(slack, token),
              replies,
              executors.slack(),
              executors.scheduled("shipmate-card-links"));
      BotFront front =
          BotFront.open(
              new BotFront.Parts(
                  config,
                  engine,
                  pipelines,
                  classifiers,
                  sliceList,
                  clock,
                  authorizer,
                  replies,
                  new ThreadReplies(methods, executors.slack()),
                  executors,
                  slack,
                  token,
                  metrics,
                  cardLinks));
      // Their resources close after the engine stops, as the pipelines' clients do.
      opened.add(front::close);
      Slices slices = front.slices();
      AppHomeListener home =
          new AppHomeListener(
              engine,
              new RecentRuns(engine, slices),
              new HomeView(clock),
              methods,
              executors.slack());
      CommandGrammar grammar = new CommandGrammar(Catalog.of(config));
      App app =
          SlackApp.create(
              token,
              config.slack().signingSecret().value(),
              slack,
              new SlashCommandListener(
                  grammar,
                  front.commands(),
                  new ConfirmationModals(methods, replies, executors.urgent(), executors.work())),
              front.buttons(),
              new ButtonListener(front.clicks()),
              new ConfirmationListener(grammar, front.commands(), replies),
              home);
      // Starting now rather than on the first request makes Bolt check the token before we serve.
      try {
        app.start();
      } catch (IllegalArgumentException tokenNotConfirmed) {
        throw new SlackTokenRejectedException(settings.slackApiUrl(), tokenNotConfirmed);
      }
      opened.add(app::stop);

      RunCardProjector projector = new RunCardProjector(pipelines, slices, config.groups());
      CardPublisher publisher =
          new CardPublisher(
              slack,
              token,
              new SlackRenderer(clock),
              executors.publishing(),
              clock,
              PublishPolicy.DEFAULT,
              budget,
              // Each update is sent holding the card, as the store has it: replicas take turns.
              new StoredCards(engine, projector));
      SlackRunReporter reporter =
          new SlackRunReporter(
              engine,
              publisher,
              projector,
              executors.scheduled("shipmate-run-reporter"),
              cardLinks);
      opened.add(reporter);
      engine.addListener(reporter);

      // Stopped before the reporter drains, so that no run moves while its last events go out.
      opened.add(engine::stop);
      boolean socketMode = config.slack().mode() == SlackSettings.Mode.SOCKET;
      ShipmateHttpServer server =
          ShipmateHttpServer.start(
              settings.port(),
              settings.managementPort(),
              socketMode ? Optional.empty() : Optional.of(app),
              clock,
              new OperationsEndpoints(
                  engine::readiness, metrics, executors.scheduled("shipmate-readiness")),
              endpoints(front.front().endpoints(), more),
              RequestLimits.withMaxBody(settings.maxRequestBody()));
      opened.add(server);
      if (socketMode) {
        opened.add(openSocketMode(app, config.slack().appToken().value(), settings));
      }

      reporter.adoptActive();
      engine.forgetRequestsBefore(clock.instant().minus(REQUEST_KEYS_KEPT));
      engine.start();
      for (String group : slackUserGroups(config)) {
        executors.slack().execute(() -> userGroups.warm(group));
      }
      return new Bot(opened, engine, server);
    } catch (Exception | Error didNotStart) {
      closeAll(opened);
      throw didNotStart;
    }
  }

  /** Slack's envelopes over Socket Mode, instead of its requests to {@code /slack/events}. */
  private static SocketModeConnection openSocketMode(
      App app, String appToken, ProcessSettings settings) throws Exception {
    try {
      return SocketModeConnection.open(app, appToken);
    } catch (SocketModeConnection.RefusedException refused) {
      throw SlackTokenRejectedException.appToken(
          settings.slackApiUrl(), refused.getMessage(), refused);
    }
  }

  private static Map<String, HttpServlet> endpoints(
      Map<String, HttpServlet> front, Map<String, HttpServlet> more) {
    Map<String, HttpServlet> all = new LinkedHashMap<>(front);
    all.putAll(more);
    return all;
  }

  public int port() {
    return server.port();
  }

  public URI localUri() {
    return server.localUri();
  }

  /** Where {@code /readyz} and {@code /metrics} answer: {@link #localUri()} unless apart. */
  public URI managementUri() {
    return server.managementUri();
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
