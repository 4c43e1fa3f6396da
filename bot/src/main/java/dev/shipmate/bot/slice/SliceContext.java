package dev.shipmate.bot.slice;

import com.slack.api.Slack;
import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.dispatch.BotExecutors;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.dispatch.RunControls;
import dev.shipmate.bot.dispatch.RunStarter;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What a slice may use once the engine is open: the shared parts of the bot, made once.
 *
 * @param slack the Slack Web API client and the bot token, for a slice that posts messages of its
 *     own (drift reports, preview expiry warnings)
 * @param pipelines the pipelines the engine runs, which a slice looks up by class
 * @param slices every slice, and what each declared of its runs
 */
public record SliceContext(
    ShipmateConfig config,
    Engine engine,
    PipelineRegistry pipelines,
    Slices slices,
    Clock clock,
    Authorizer authorizer,
    RunControls controls,
    RunStarter starter,
    PrivateReplies replies,
    BotExecutors executors,
    Slack slack,
    String botToken,
    ShipmateMetrics metrics) {

  public SliceContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(pipelines, "pipelines");
    Objects.requireNonNull(slices, "slices");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(authorizer, "authorizer");
    Objects.requireNonNull(controls, "controls");
    Objects.requireNonNull(starter, "starter");
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(executors, "executors");
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(botToken, "botToken");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The engine's pipeline of class {@code type}, when this bot runs it. */
  public <T> Optional<T> pipeline(Class<T> type) {
    return pipelines.types().stream()
        .map(pipelines::find)
        .flatMap(Optional::stream)
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst();
  }
}
