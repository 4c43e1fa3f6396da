package dev.shipmate.bot.serve;

import com.slack.api.bolt.App;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.http.ShipmateHttpServer;
import dev.shipmate.bot.slack.CommandReplyRenderer;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slack.SlashCommandListener;
import dev.shipmate.commands.Catalog;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.config.ShipmateConfig;
import java.net.URI;
import java.time.Clock;

/** The running bot: the Slack app, wired to the command grammar, served over HTTP. */
public final class Bot implements AutoCloseable {

  private final App app;
  private final ShipmateHttpServer server;

  private Bot(App app, ShipmateHttpServer server) {
    this.app = app;
    this.server = server;
  }

  /**
   * Builds the Slack app from {@code config} and serves it on {@code settings.port()}. The Slack
   * token and signing secret must not be blank (see {@link SlackSecrets}).
   *
   * @throws SlackTokenRejectedException when the Slack Web API does not confirm the bot token
   * @throws Exception when the HTTP server cannot start, typically because the port is taken
   */
  public static Bot start(ShipmateConfig config, ProcessSettings settings, Clock clock)
      throws Exception {
    SlashCommandListener listener =
        new SlashCommandListener(
            new CommandGrammar(Catalog.of(config)), new CommandReplyRenderer());
    App app =
        SlackApp.create(
            config.slack().botToken().value(),
            config.slack().signingSecret().value(),
            settings.slackApiUrl(),
            listener);
    // Starting now rather than on the first request makes Bolt check the token before we serve.
    try {
      app.start();
    } catch (IllegalArgumentException tokenNotConfirmed) {
      throw new SlackTokenRejectedException(settings.slackApiUrl(), tokenNotConfirmed);
    }
    try {
      return new Bot(app, ShipmateHttpServer.start(settings.port(), app, clock));
    } catch (Exception | Error serverDidNotStart) {
      app.stop();
      throw serverDidNotStart;
    }
  }

  public int port() {
    return server.port();
  }

  public URI localUri() {
    return server.localUri();
  }

  /** Blocks until the bot has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops serving, letting requests in flight finish, then stops the Slack app. */
  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      app.stop();
    }
  }
}
