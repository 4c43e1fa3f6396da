package dev.shipmate.bot.slack;

import dev.shipmate.commands.Command;
import dev.shipmate.commands.HelpText;
import dev.shipmate.commands.ParseResult;

/**
 * The text a user sees after typing a slash command: the help they asked for, what was understood,
 * or why the command was refused and what to type instead.
 */
public final class CommandReplyRenderer {

  /** Said after every understood command until the engine turns commands into runs. */
  static final String NOTHING_STARTED = "Runs are not wired yet, so nothing was started.";

  public String render(ParseResult result) {
    if (result instanceof ParseResult.Rejected rejected) {
      return rejected.render();
    }
    Command command = ((ParseResult.Parsed) result).command();
    if (command instanceof Command.Help help) {
      return help.topic().flatMap(HelpText::forCommand).orElseGet(HelpText::all);
    }
    return "Understood: " + withoutFinalPeriod(command.summary()) + ". " + NOTHING_STARTED;
  }

  private static String withoutFinalPeriod(String summary) {
    return summary.endsWith(".") ? summary.substring(0, summary.length() - 1) : summary;
  }
}
