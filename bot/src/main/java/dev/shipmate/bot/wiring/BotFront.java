package dev.shipmate.bot.wiring;

import com.slack.api.Slack;
import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.dispatch.AuditLog;
import dev.shipmate.bot.dispatch.BotExecutors;
import dev.shipmate.bot.dispatch.ButtonDispatcher;
import dev.shipmate.bot.dispatch.ButtonHandlers;
import dev.shipmate.bot.dispatch.CardLinks;
import dev.shipmate.bot.dispatch.CommandDispatcher;
import dev.shipmate.bot.dispatch.CommandHandlers;
import dev.shipmate.bot.dispatch.CoreCommands;
import dev.shipmate.bot.dispatch.FollowUps;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.dispatch.ReadLimiter;
import dev.shipmate.bot.dispatch.RunButtons;
import dev.shipmate.bot.dispatch.RunControls;
import dev.shipmate.bot.dispatch.RunStarter;
import dev.shipmate.bot.dispatch.ThreadPosts;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.bot.slice.Slices;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The command layer, put together: the core commands and run buttons, every slice opened, and the
 * two dispatchers over what they registered. Platform-neutral but for the Slack client the slices
 * that post messages of their own are given: the Slack app is built around it ({@code serve.Bot}),
 * and tests drive it in memory.
 *
 * @param front what the slices registered beside their handlers: endpoints, work after the engine's
 *     start, resources to close after it stops
 */
public record BotFront(
    Slices slices,
    CommandDispatcher commands,
    ButtonDispatcher clicks,
    ButtonHandlers buttons,
    SliceFront front) {

  public BotFront {
    Objects.requireNonNull(slices, "slices");
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(clicks, "clicks");
    Objects.requireNonNull(buttons, "buttons");
    Objects.requireNonNull(front, "front");
  }

  /** What the command layer is made of: the engine and the ports it answers through. */
  public record Parts(
      ShipmateConfig config,
      Engine engine,
      PipelineRegistry pipelines,
      List<ExceptionClassifier> classifiers,
      List<PipelineSlice> slices,
      Clock clock,
      Authorizer authorizer,
      PrivateReplies replies,
      ThreadPosts threads,
      BotExecutors executors,
      Slack slack,
      String botToken,
      ShipmateMetrics metrics,
      CardLinks cardLinks) {}

  /**
   * Opens every slice on {@code parts}. On failure, what the slices opened so far is closed.
   *
   * @throws IllegalStateException when a command of the grammar has no handler
   */
  public static BotFront open(Parts parts) {
    Engine engine = parts.engine();
    Slices slices = Slices.of(parts.slices(), parts.config());
    RunControls controls = new RunControls(engine, parts.authorizer(), slices);
    RunStarter starter = new RunStarter(engine, parts.authorizer());
    AuditLog audit = new AuditLog(engine, parts.clock());
    CommandHandlers commands = new CommandHandlers();
    ButtonHandlers buttons = new ButtonHandlers();
    new CoreCommands(engine, controls, parts.clock()).register(commands);
    new RunButtons(engine, controls).register(buttons);
    SliceFront front = new SliceFront(commands, buttons);
    SliceContext context =
        new SliceContext(
            parts.config(),
            engine,
            parts.pipelines(),
            slices,
            parts.clock(),
            parts.authorizer(),
            controls,
            starter,
            parts.replies(),
            parts.executors(),
            parts.slack(),
            parts.botToken(),
            parts.metrics());
    try {
      for (PipelineSlice slice : slices.all()) {
        slice.open(context, front);
      }
      FollowUps followUps =
          new FollowUps(parts.executors().work(), parts.replies(), parts.classifiers());
      return new BotFront(
          slices,
          new CommandDispatcher(
              commands,
              engine,
              starter,
              followUps,
              audit,
              ReadLimiter.defaults(parts.clock()),
              parts.cardLinks()),
          new ButtonDispatcher(buttons, engine, parts.replies(), parts.threads(), audit, followUps),
          buttons,
          front);
    } catch (RuntimeException | Error failed) {
      closeAll(front.resources());
      throw failed;
    }
  }

  /** Closes what the slices opened, newest first. Call after the engine has stopped. */
  public void close() {
    closeAll(front.resources());
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(BotFront.class)
            .warn("stopping {} failed: {}", resources.get(i), e.toString());
      }
    }
  }
}
