package dev.shipmate.bot.drift;

import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.commands.Command;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.pipelines.drift.Decision;
import java.util.List;
import java.util.Optional;

/**
 * Drift reports: live clusters and Route53 against git, on {@code drift.schedule} to {@code
 * drift.channel} and on {@code /drift [cluster]}, with Snooze and Ignore buttons. Reports are not
 * runs: nothing to resume or undo, no target to lock. Without {@code drift:} in the configuration,
 * {@code /drift} says how to set it up.
 */
public final class DriftSlice implements PipelineSlice {

  static final String NOT_CONFIGURED =
      "Drift reports are not set up, so nothing was checked: add a `drift` section (schedule,"
          + " channel, source) to shipmate.yaml, as in docs/drift.md, and restart Shipmate.";

  /** The pipelines' clients, handed over before {@link #open}: reports read the same clusters. */
  private PipelineClients clients;

  @Override
  public List<Pipeline<?>> pipelines(PipelineClients shared) {
    this.clients = shared;
    return List.of();
  }

  @Override
  public String name() {
    return "drift";
  }

  @Override
  public void open(SliceContext context, SliceFront front) {
    ShipmateConfig config = context.config();
    Optional<DriftWiring> drift;
    try {
      drift =
          DriftWiring.start(
              config,
              context.engine(),
              () -> clients != null ? DriftWorld.on(clients) : DriftWorld.fromEnvironment(config),
              context.slack(),
              context.botToken(),
              context.clock(),
              new DriftGauges(context.metrics()),
              context.executors().scheduled("shipmate-drift"));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("drift reports could not be set up: " + e.getMessage(), e);
    }
    if (drift.isEmpty()) {
      // A schedule stored while drift was configured stops for every replica.
      context.engine().unschedule(DriftWiring.JOB);
      front.commands().on(Command.Drift.class, (asked, origin) -> Reply.refusal(NOT_CONFIGURED));
      return;
    }
    DriftWiring wiring = drift.get();
    front.closeLater(wiring);
    front
        .commands()
        .on(
            Command.Drift.class,
            (asked, origin) ->
                Reply.answer(
                    wiring
                        .reports()
                        .requested(asked.cluster(), origin.channelId(), origin.userId())));
    front
        .buttons()
        .on(
            DriftActions.SNOOZE,
            "Snooze",
            wiring.button(Decision.Kind.SNOOZED, context.config(), context.authorizer()))
        .on(
            DriftActions.IGNORE,
            "Ignore",
            wiring.button(Decision.Kind.IGNORED, context.config(), context.authorizer()));
  }
}
