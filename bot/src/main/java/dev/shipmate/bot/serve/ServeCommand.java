package dev.shipmate.bot.serve;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ConfigFiles.MissingConfigFileException;
import dev.shipmate.bot.ConfigOption;
import dev.shipmate.bot.Main;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.ProcessSettings.InvalidSettingsException;
import dev.shipmate.bot.ShipmateVersion;
import dev.shipmate.bot.http.ShipmateHttpServer.PortUnavailableException;
import dev.shipmate.bot.slice.GitHubSettings;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.LoadResult;
import dev.shipmate.config.ShipmateConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code shipmate serve}: the bot. Refuses to start on an invalid configuration or without Slack
 * credentials, listing every reason, and when Slack does not confirm the token or the port is
 * taken; otherwise serves until the process is told to stop (SIGTERM).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = ShipmateVersion.class,
    description = {
      "Run the bot.",
      "Serves Slack's requests on POST /slack/events and health checks on GET /healthz, on"
          + " $PORT (default 3000). The Slack Web API is at $SLACK_API_URL (default"
          + " https://slack.com/api/). Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or the"
          + " configuration's slack.botToken and slack.signingSecret). Stops gracefully on"
          + " SIGTERM."
    })
public final class ServeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin private ConfigOption configOption;
  @Spec private CommandSpec spec;

  private final Map<String, String> env;
  private final Clock clock;

  public ServeCommand(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ProcessSettings settings;
    LoadResult result;
    Path file = configOption.file(env);
    try {
      settings = ProcessSettings.from(env);
      result = ConfigFiles.load(file, env);
    } catch (InvalidSettingsException | MissingConfigFileException cannotStart) {
      err.println("Shipmate cannot start. " + cannotStart.getMessage());
      return Main.EXIT_FAILURE;
    }
    if (!result.ok()) {
      err.println(
          "Shipmate cannot start: "
              + file
              + " has "
              + count(result.errors().size(), "error")
              + ". Fix them, check with `shipmate validate`, and start again.");
      result.errors().forEach(problem -> err.println(ConfigFiles.line(problem)));
      return Main.EXIT_FAILURE;
    }
    ShipmateConfig config = result.orThrow();
    List<String> missing = SlackSecrets.missing(config.slack());
    if (!missing.isEmpty()) {
      err.println("Shipmate cannot start without its Slack credentials:");
      missing.forEach(reason -> err.println("error: " + reason));
      return Main.EXIT_FAILURE;
    }
    result.warnings().forEach(problem -> log.warn("{}", ConfigFiles.line(problem)));

    Bot bot;
    try {
      bot =
          Bot.start(
              config,
              settings,
              clock,
              Pipelines.production(config, clock, GitHubSettings.from(env)));
    } catch (SlackTokenRejectedException
        | PortUnavailableException
        | StoreUnavailableException cannotStart) {
      err.println("Shipmate cannot start: " + cannotStart.getMessage());
      return Main.EXIT_FAILURE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bot), "shipmate-shutdown"));
    log.info(
        "Shipmate is serving {} on port {}, /readyz and /metrics on port {}",
        file,
        bot.port(),
        bot.managementUri().getPort());
    bot.join();
    return 0;
  }

  private static void stop(Bot bot) {
    log.info("Shipmate is stopping");
    try {
      bot.close();
      log.info("Shipmate stopped");
    } catch (Exception failed) {
      log.error("Shipmate did not stop cleanly", failed);
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
