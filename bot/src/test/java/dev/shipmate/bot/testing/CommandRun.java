package dev.shipmate.bot.testing;

import dev.shipmate.bot.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of {@code shipmate …}: its exit code and everything it printed. */
public record CommandRun(int exitCode, String out, String err) {

  public static CommandRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        Main.commandLine(env, Clock.systemUTC())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }
}
