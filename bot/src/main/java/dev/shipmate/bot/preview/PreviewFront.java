package dev.shipmate.bot.preview;

import com.slack.api.methods.MethodsClient;
import dev.shipmate.bot.command.PreviewCommands;
import dev.shipmate.bot.slack.EphemeralReplies;
import dev.shipmate.bot.slack.PreviewExtendButtonListener;
import dev.shipmate.config.Previews;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.pipelines.preview.PreviewReaper;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the bot serves for previews, made from one {@link PreviewSetup}: the {@code /env}
 * commands, the Extend button, {@code POST /github/webhook} (when {@code GITHUB_WEBHOOK_SECRET} and
 * {@code previews.github} are set) and the TTL reaper's schedule, started last.
 */
public final class PreviewFront implements AutoCloseable {
  /** Where GitHub delivers webhooks. */
  public static final String WEBHOOK_PATH = "/github/webhook";

  private static final Logger log = LoggerFactory.getLogger(PreviewFront.class);

  private final PreviewSetup setup;
  private final Engine engine;
  private final MethodsClient methods;
  private final Clock clock;
  private final Optional<String> channel;
  private final PreviewCommands commands;
  private final PreviewExtendButtonListener extendButton;
  private final DeferredStarts deferred;
  private PreviewReaperSchedule schedule;

  public PreviewFront(
      PreviewSetup setup,
      ShipmateConfig config,
      Engine engine,
      MethodsClient methods,
      EphemeralReplies replies,
      Clock clock) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.methods = Objects.requireNonNull(methods, "methods");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.channel = setup.config().channel().or(() -> config.slack().channel());
    this.commands = new PreviewCommands(setup, engine, config.slack().channel(), clock);
    this.extendButton = new PreviewExtendButtonListener(commands, engine, replies);
    this.deferred = new DeferredStarts(engine);
  }

  public PreviewCommands commands() {
    return commands;
  }

  public PreviewExtendButtonListener extendButton() {
    return extendButton;
  }

  /** The webhook endpoint, when GitHub may deliver to it; empty (and a warning why) otherwise. */
  public Optional<HttpServlet> webhook() {
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
    return Optional.of(
        new GitHubWebhookServlet(
            engine,
            setup.github().webhookSecret().get(),
            repo.get(),
            channel.map(ReplyAddress::channel),
            deferred));
  }

  /** Starts the TTL reaper; its notes go to the previews' threads, else to the channel. */
  public synchronized void startReaper() {
    if (channel.isEmpty()) {
      log.warn(
          "neither previews.channel nor slack.channel is set: the preview reaper does not run,"
              + " so previews do not expire");
      return;
    }
    schedule =
        PreviewReaperSchedule.start(
            new PreviewReaper(
                engine,
                setup.parts().gateway(),
                setup.parts().expiry(),
                new SlackPreviewNotices(methods, engine, channel.get()),
                ReplyAddress.channel(channel.get())));
    log.info("preview reaper sweeps every {} (clock {})", PreviewReaperSchedule.INTERVAL, clock);
  }

  @Override
  public synchronized void close() {
    deferred.close();
    if (schedule != null) {
      schedule.close();
    }
  }
}
