package dev.shipmate.bot;

import dev.shipmate.bot.local.LocalCommand;
import dev.shipmate.bot.sandbox.SandboxCommand;
import dev.shipmate.bot.serve.ServeCommand;
import dev.shipmate.bot.validate.ValidateCommand;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar shipmate.jar <subcommand>}. Exit codes: 0 done, 1 invalid configuration or
 * failure, 2 wrong usage.
 */
@Command(
    name = "shipmate",
    mixinStandardHelpOptions = true,
    versionProvider = ShipmateVersion.class,
    description = {
      "Shipmate turns Slack slash commands into deployments, rollbacks, preview environments,"
          + " DNS cutovers and cluster upgrades.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Environment: SHIPMATE_CONFIG, PORT, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL.",
      "Exit codes: 0 done, 1 invalid configuration or failure, 2 wrong usage.",
      "",
      "Examples:",
      "  shipmate validate --config shipmate.yaml",
      "  SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... shipmate serve",
      "  shipmate sandbox --config config/examples/shipmate.yaml",
      "  shipmate local        (the bot on a simulated world, with a console)"
    })
public final class Main implements Runnable {

  /** A bad configuration, or anything else that went wrong. */
  public static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    CommandLine commandLine = commandLine(System.getenv(), Clock.systemUTC());
    int exitCode = commandLine.execute(args);
    // picocli's writers flush only on println; whatever a command print()ed must not be lost.
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    System.exit(exitCode);
  }

  /** The whole command line, reading {@code env} instead of the process's environment. */
  public static CommandLine commandLine(Map<String, String> env, Clock clock) {
    return new CommandLine(new Main())
        .addSubcommand(new ServeCommand(env, clock))
        .addSubcommand(new ValidateCommand(env))
        .addSubcommand(new SandboxCommand(env))
        .addSubcommand(new LocalCommand(env, clock));
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Say what to do: shipmate local, serve, sandbox or validate.");
  }
}
