package dev.shipmate.bot.smoke;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.auth.Role;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.RunKind;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.bot.slice.StopAction;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Environment;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.ReplyAddress;
import java.util.List;
import java.util.Optional;

/**
 * A throwaway slice, written as the recipe in ARCHITECTURE.md says: its pipeline, the command it
 * answers ({@code /drift <cluster>}, taken over from the drift slice, since the grammar's commands
 * are fixed), the target whose rules guard its runs (prod, by its operators), its stop button
 * (Abort) and where App Home finds its runs. Nothing else in the bot names it.
 */
final class SmokeSlice implements PipelineSlice {

  /** The environment whose rules guard every smoke test. */
  static final String GUARDED_BY = "prod";

  @Override
  public String name() {
    return "smoke";
  }

  @Override
  public List<Pipeline<?>> pipelines(PipelineClients clients) {
    return List.of(new SmokePipeline());
  }

  @Override
  public List<RunKind<?>> runKinds(ShipmateConfig config) {
    return List.of(
        RunKind.of(SmokePipeline.TYPE, SmokeRequest.class)
            .guardedBy(request -> guard(config))
            .stoppedBy(StopAction.ABORT)
            .listedUnder(
                config.clusters().keySet().stream().map(c -> LockKey.of("smoke", c)).toList()));
  }

  private static Optional<Guard> guard(ShipmateConfig config) {
    return config.environment(GUARDED_BY).map(SmokeSlice::guard);
  }

  private static Guard guard(Environment environment) {
    return new Guard(environment.name(), environment.policy(), Role.OPERATORS);
  }

  @Override
  public void open(SliceContext context, SliceFront front) {
    front
        .commands()
        .on(
            Command.Drift.class,
            (drift, origin) ->
                Reply.start(
                    StartRequest.of(
                            SmokePipeline.TYPE,
                            new SmokeRequest(drift.cluster().orElse("dev")),
                            origin.userId())
                        .replyTo(
                            ReplyAddress.channel(
                                context.config().slack().channel().orElse(origin.channelId()))),
                    guard(context.config().environment(GUARDED_BY).orElseThrow()),
                    "smoke-test"));
  }
}
