package dev.shipmate.bot.freeze;

import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.commands.Command;

/**
 * Change control: {@code /freeze}, {@code /unfreeze}, {@code /freeze list}, and the channel
 * announcements of freezes and break-glass runs. It runs no pipeline of its own: the engine refuses
 * a frozen run wherever it is started (see docs/change-control.md).
 */
public final class FreezeSlice implements PipelineSlice {

  @Override
  public String name() {
    return "freeze";
  }

  @Override
  public void open(SliceContext context, SliceFront front) {
    FreezeAnnouncer announcer =
        new FreezeAnnouncer(
            context.slack().methods(context.botToken()),
            context.engine(),
            context.executors().slack());
    context.engine().addListener(announcer);
    FreezeCommands commands =
        new FreezeCommands(
            context.config(), context.engine().freezes(), context.authorizer(), announcer);
    front
        .commands()
        .on(Command.Freeze.class, commands::freeze)
        .on(Command.Unfreeze.class, commands::unfreeze)
        .query(Command.FreezeList.class, commands::list);
  }
}
