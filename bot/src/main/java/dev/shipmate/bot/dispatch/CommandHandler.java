package dev.shipmate.bot.dispatch;

import dev.shipmate.commands.Command;

/** Answers one kind of command with a {@link Reply}; it does not talk to Slack itself. */
@FunctionalInterface
public interface CommandHandler<C extends Command> {
  Reply handle(C command, CommandOrigin origin);
}
