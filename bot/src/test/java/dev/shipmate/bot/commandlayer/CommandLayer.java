package dev.shipmate.bot.commandlayer;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.SlackUserGroups;
import dev.shipmate.bot.dispatch.BotExecutors;
import dev.shipmate.bot.dispatch.CardLinks;
import dev.shipmate.bot.dispatch.Click;
import dev.shipmate.bot.dispatch.CommandAnswer;
import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.Confirmation;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.dispatch.ThreadPosts;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.wiring.BotFront;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.bot.wiring.Registration;
import dev.shipmate.commands.Catalog;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bot's command layer in memory, as Bolt's own tests drive an app with {@code
 * app.run(request)}: the grammar, the dispatchers and every registered slice on a real engine (H2
 * in a folder, not started, so runs stay where they were created), without Jetty or Slack. Private
 * replies and thread posts are kept for the test to read. No cluster or AWS is reachable: what
 * would read one answers later, with the error.
 */
final class CommandLayer implements AutoCloseable {

  /** Where commands are typed, unless a test says otherwise. */
  static final String CHANNEL = "C0OPS";

  /** A reply sent privately after the ack. */
  record Told(String channel, String user, String text) {}

  /** A line posted in a message's thread. */
  record Posted(String channel, String threadTs, String text) {}

  final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  final List<Told> told = new CopyOnWriteArrayList<>();
  final List<Posted> posted = new CopyOnWriteArrayList<>();
  private final AtomicInteger triggers = new AtomicInteger();
  private final Pipelines pipelines;
  private final Engine engine;
  private final BotExecutors executors = new BotExecutors();
  private final BotFront front;
  private final CommandGrammar grammar;

  private CommandLayer(ShipmateConfig config, Path folder, List<PipelineSlice> slices) {
    this.pipelines =
        Pipelines.on(
            config,
            clock,
            KubernetesClients.fromKubeconfig(folder.resolve("no-kubeconfig")),
            URI.create("http://127.0.0.1:9/"),
            slices);
    PipelineRegistry registry = pipelines.registry();
    this.engine =
        Engine.open(
            config.store(),
            registry,
            EngineSettings.defaults(),
            pipelines.classifiers(),
            new dev.shipmate.engine.freeze.FreezeCalendar(config.freezes()));
    pipelines.bind(engine);
    PrivateReplies replies = (channel, user, text) -> told.add(new Told(channel, user, text));
    ThreadPosts threads = (channel, ts, text) -> posted.add(new Posted(channel, ts, text));
    this.front =
        BotFront.open(
            new BotFront.Parts(
                config,
                engine,
                registry,
                pipelines.classifiers(),
                pipelines.slices(),
                clock,
                new Authorizer(
                    config.groups(),
                    new SlackUserGroups(userGroup -> Set.of(), clock, Duration.ofMinutes(5))),
                replies,
                threads,
                executors,
                SlackApp.client(URI.create("http://127.0.0.1:9/")),
                config.slack().botToken().value(),
                ShipmateMetrics.create(config.clusters().keySet()),
                CardLinks.NONE));
    this.grammar = new CommandGrammar(Catalog.of(config));
  }

  /** The production slices on {@code config}. */
  static CommandLayer open(ShipmateConfig config, Path folder) {
    return new CommandLayer(config, folder, Registration.slices());
  }

  /** {@code slices} instead of the production ones. */
  static CommandLayer open(ShipmateConfig config, Path folder, List<PipelineSlice> slices) {
    return new CommandLayer(config, folder, slices);
  }

  Engine engine() {
    return engine;
  }

  /**
   * What {@code user} is answered when they type {@code typed} ({@code /deploy web v1 prod}); a
   * confirmation asked for instead reads {@code Confirm: <summary>? <facts>}.
   */
  String type(String user, String typed) {
    return type(user, typed, "trigger-" + triggers.incrementAndGet());
  }

  /** The same, with the trigger id a redelivery would carry again. */
  String type(String user, String typed, String triggerId) {
    CommandAnswer answer = dispatch(user, typed, triggerId);
    return answer
        .confirmation()
        .map(c -> "Confirm: " + c.summary() + "? " + String.join(" ", c.facts()))
        .orElse(answer.text());
  }

  /**
   * {@code user} types {@code typed} and, when a confirmation is asked for, {@code submitter}
   * confirms it: what they are told then.
   */
  String confirm(String user, String typed, String submitter) {
    CommandAnswer answer = dispatch(user, typed, "trigger-" + triggers.incrementAndGet());
    if (answer.confirmation().isEmpty()) {
      return answer.text();
    }
    Confirmation.Replay replay = answer.confirmation().get().replay();
    return front
        .commands()
        .confirmed(
            grammar.parse(replay.command(), replay.text()),
            replay,
            submitter,
            Optional.of("slack:T1:view-" + triggers.incrementAndGet()));
  }

  /** {@code user} types {@code typed} and confirms what they are asked to. */
  String confirm(String user, String typed) {
    return confirm(user, typed, user);
  }

  private CommandAnswer dispatch(String user, String typed, String triggerId) {
    int space = typed.indexOf(' ');
    String command = space < 0 ? typed : typed.substring(0, space);
    String text = space < 0 ? "" : typed.substring(space + 1);
    return front
        .commands()
        .dispatch(
            grammar.parse(command, text),
            new CommandOrigin(user, CHANNEL, typed, Optional.of("slack:T1:" + triggerId)));
  }

  /**
   * {@code user} clicks the button {@code actionId} carrying {@code value} on the card {@code ts}.
   */
  void click(String user, String actionId, String value, String cardTs) {
    front
        .clicks()
        .click(
            new Click(
                user,
                CHANNEL,
                actionId,
                value,
                Optional.of("slack:T1:click-" + triggers.incrementAndGet()),
                Optional.ofNullable(cardTs),
                Map.of(),
                0));
  }

  /** The private replies to {@code user} so far. */
  List<String> toldTo(String user) {
    return told.stream().filter(t -> t.user().equals(user)).map(Told::text).toList();
  }

  @Override
  public void close() {
    engine.close();
    front.close();
    executors.close();
    pipelines.close();
  }
}
