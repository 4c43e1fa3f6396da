package dev.shipmate.bot.preview;

import dev.shipmate.bot.dispatch.Click;
import dev.shipmate.bot.dispatch.ClickReply;
import dev.shipmate.bot.dispatch.CommandHandler;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.dispatch.RunStarter;
import dev.shipmate.bot.dispatch.Subject;
import dev.shipmate.bot.metrics.SignatureFailures;
import dev.shipmate.bot.presenter.ActionIds;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.RunKind;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Previews;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.preview.PreviewDownPipeline;
import dev.shipmate.pipelines.preview.PreviewDownRequest;
import dev.shipmate.pipelines.preview.PreviewExtendPipeline;
import dev.shipmate.pipelines.preview.PreviewExtendRequest;
import dev.shipmate.pipelines.preview.PreviewReaper;
import dev.shipmate.pipelines.preview.PreviewUpPipeline;
import dev.shipmate.pipelines.preview.PreviewUpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /env}: a preview environment per pull request, from Slack and from GitHub's webhooks
 * ({@code POST /github/webhook}), with a TTL reaper that warns with an Extend button. Anyone who
 * may use Shipmate may manage previews: they hold no production data, so their runs have no guard.
 * Without {@code previews:} in the configuration, {@code /env} says how to set them up.
 */
public final class PreviewSlice implements PipelineSlice {

  /** Where GitHub delivers webhooks. */
  public static final String WEBHOOK_PATH = "/github/webhook";

  static final String NOT_CONFIGURED =
      "Previews are not set up, so nothing was started: add a `previews` section (cluster,"
          + " namespace, manifests, ttl) to shipmate.yaml, as in docs/previews.md, and restart"
          + " Shipmate.";

  /** The reaper among the engine's recurring jobs, and how often it sweeps. */
  static final String REAPER = "preview-reaper";

  /** The watchdog's watch that warns owners before their previews expire. */
  static final String EXPIRY_WARNING = "preview-expiry-warning";

  static final Duration REAPER_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(PreviewSlice.class);
  private static final Pattern HANDLE = Pattern.compile("pr-(\\d{1,9})");

  private Optional<PreviewPipelines> previews = Optional.empty();
  private RunKind<PreviewUpRequest> ups;

  @Override
  public String name() {
    return "preview";
  }

  @Override
  public List<Pipeline<?>> pipelines(PipelineClients clients) {
    previews =
        PreviewPipelines.of(
            clients.config(),
            clients.kubernetes(),
            clients.github(),
            clients.clock(),
            clients.wake());
    previews.ifPresent(clients::closeLater);
    return previews.map(PreviewPipelines::pipelines).orElse(List.of());
  }

  /** Previews as this bot runs them, once {@link #pipelines} made them. */
  public Optional<PreviewSetup> setup() {
    return previews.map(PreviewPipelines::setup);
  }

  @Override
  public List<RunKind<?>> runKinds(ShipmateConfig config) {
    ups = RunKind.of(PreviewUpPipeline.TYPE, PreviewUpRequest.class);
    return List.of(
        ups,
        RunKind.of(PreviewDownPipeline.TYPE, PreviewDownRequest.class),
        RunKind.of(PreviewExtendPipeline.TYPE, PreviewExtendRequest.class));
  }

  @Override
  public void open(SliceContext context, SliceFront front) {
    Optional<PreviewSetup> setup = setup();
    if (setup.isEmpty()) {
      // A sweep stored while previews were configured stops for every replica.
      context.engine().unschedule(REAPER);
      context.engine().watchdog().unwatch(EXPIRY_WARNING);
      CommandHandler<Command> notConfigured = (command, origin) -> Reply.refusal(NOT_CONFIGURED);
      front
          .commands()
          .on(Command.EnvUp.class, notConfigured::handle)
          .on(Command.EnvDown.class, notConfigured::handle)
          .on(Command.EnvExtend.class, notConfigured::handle)
          .query(Command.EnvList.class, notConfigured::handle);
      return;
    }
    ShipmateConfig config = context.config();
    PreviewCommands commands =
        new PreviewCommands(setup.get(), config.slack().channel(), context.clock());
    front
        .commands()
        .on(Command.EnvUp.class, commands::up)
        .on(Command.EnvDown.class, commands::down)
        .on(Command.EnvExtend.class, commands::extend)
        .query(Command.EnvList.class, commands::list);
    front
        .buttons()
        .on(
            ActionIds.of(RunActionKind.EXTEND),
            RunActionKind.EXTEND.label(),
            click ->
                new ClickReply.Later(
                    () -> extend(click, commands, context.starter()), "extend the preview"));

    Optional<String> channel = setup.get().config().channel().or(() -> config.slack().channel());
    DeferredStarts deferred =
        new DeferredStarts(
            context.engine(), context.executors().scheduled("shipmate-deferred-previews"));
    front.closeLater(deferred);
    webhook(setup.get(), context, channel, deferred)
        .ifPresent(servlet -> front.endpoint(WEBHOOK_PATH, servlet));
    scheduleReaper(setup.get(), context, channel);
  }

  /**
   * The Extend button of an "expires within the hour" warning: as {@code /env extend}. It reads the
   * cluster, so the dispatcher runs it after the click was acknowledged.
   */
  private static ClickReply extend(Click click, PreviewCommands commands, RunStarter starter) {
    Matcher handle = HANDLE.matcher(click.value() == null ? "" : click.value());
    if (!handle.matches()) {
      return ClickReply.refused("That button names no preview; /env list shows them.");
    }
    Reply reply =
        commands.extendFromButton(
            Integer.parseInt(handle.group(1)), click.userId(), click.channelId());
    if (reply instanceof Reply.Start start) {
      RunStarter.Outcome outcome = starter.start(start);
      return outcome instanceof RunStarter.Outcome.Started started
          ? new ClickReply.Told(outcome.text(), outcome.subject(), "started " + started.run().id())
          : new ClickReply.Refused(outcome.text(), outcome.subject());
    }
    return new ClickReply.Refused(((Reply.Refusal) reply).text(), Subject.NONE);
  }

  private static Optional<GitHubWebhookServlet> webhook(
      PreviewSetup setup, SliceContext context, Optional<String> channel, DeferredStarts deferred) {
    Optional<String> repo = setup.config().github().map(Previews.GitHub::repo);
    if (repo.isEmpty()) {
      return Optional.empty();
    }
    if (setup.github().webhookSecret().isEmpty()) {
      log.warn(
          "previews.github.repo is {} but GITHUB_WEBHOOK_SECRET is not set: {} is not served,"
              + " so pull requests do not start previews",
          repo.get(),
          WEBHOOK_PATH);
      return Optional.empty();
    }
    if (setup.gitHubApi().isEmpty()) {
      log.warn(
          "GITHUB_TOKEN is not set: {} cannot ask GitHub whether a delivery's commit is still its"
              + " pull request's head, and takes it as it comes",
          WEBHOOK_PATH);
    }
    return Optional.of(
        new GitHubWebhookServlet(
            context.engine(),
            setup.github().webhookSecret().get(),
            repo.get(),
            channel.map(ReplyAddress::channel),
            deferred,
            new SignatureFailures(
                context.metrics().registry(),
                WEBHOOK_PATH,
                context.clock(),
                SignatureFailures.DEFAULT_INTERVAL),
            setup.gitHubApi(),
            context.clock()));
  }

  /**
   * Sweeps every {@link #REAPER_INTERVAL} on the engine's scheduler, once across replicas (so an
   * owner is warned once); its notes go to the previews' threads, else to the channel.
   */
  private void scheduleReaper(PreviewSetup setup, SliceContext context, Optional<String> channel) {
    if (channel.isEmpty()) {
      log.warn(
          "neither previews.channel nor slack.channel is set: the preview reaper does not run,"
              + " so previews do not expire");
      context.engine().unschedule(REAPER);
      context.engine().watchdog().unwatch(EXPIRY_WARNING);
      return;
    }
    PreviewReaper reaper =
        new PreviewReaper(
            context.engine(),
            setup.parts().gateway(),
            setup.parts().expiry(),
            new SlackPreviewNotices(
                context.slack().methods(context.botToken()),
                context.engine(),
                channel.get(),
                run -> context.slices().kind(run).filter(kind -> kind == ups).isPresent()),
            ReplyAddress.channel(channel.get()));
    context
        .engine()
        .schedule(new RecurringJob(REAPER, Schedule.every(REAPER_INTERVAL), () -> sweep(reaper)));
    // The expiry warning is one of the watchdog's watches (watchdogs.previewWarning), beside stuck
    // runs and approval deadlines; the removals stay the reaper's.
    context.engine().watchdog().watch(EXPIRY_WARNING, () -> warn(reaper));
    log.info("preview reaper sweeps every {}", REAPER_INTERVAL);
  }

  private static void warn(PreviewReaper reaper) {
    try {
      List<Integer> warned = reaper.warn();
      if (!warned.isEmpty()) {
        log.info("preview expiry warning: warned the owners of {}", warned);
      }
    } catch (RuntimeException e) {
      log.warn("the preview expiry warning failed; the watchdog looks again: {}", e.getMessage());
      log.debug("the preview expiry warning failed", e);
    }
  }

  private static void sweep(PreviewReaper reaper) {
    try {
      List<RunId> removals = reaper.remove();
      if (!removals.isEmpty()) {
        log.info("preview reaper: removing with {}", removals);
      }
    } catch (RuntimeException e) {
      // Mostly the previews' cluster out of reach, again every minute: the cause in one line, the
      // stack only when debugging.
      log.warn(
          "the preview reaper's sweep failed; the next one comes in {}: {}",
          REAPER_INTERVAL,
          e.getMessage());
      log.debug("the preview reaper's sweep failed", e);
    }
  }
}
