package dev.shipmate.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.shipmate.commands.CommandGrammar;
import java.net.URI;

/**
 * Builds Shipmate's Bolt app: a single-workspace app that verifies Slack's signatures, talks to the
 * Web API at a configurable base URL, and routes every Shipmate slash command to one listener.
 */
public final class SlackApp {

  private SlackApp() {}

  /**
   * @param botToken the bot token ({@code xoxb-…}); Bolt checks it with {@code auth.test}
   * @param signingSecret the secret Slack signs requests with
   * @param webApiUrl base of the Slack Web API, ending with a slash
   */
  public static App create(
      String botToken, String signingSecret, URI webApiUrl, SlashCommandListener listener) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(webApiUrl.toString());
    // The client's metrics collector runs background threads we have no use for yet.
    slackConfig.setStatsEnabled(false);

    App app =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(botToken)
                .signingSecret(signingSecret)
                .slack(Slack.getInstance(slackConfig))
                .build());
    for (String command : CommandGrammar.SLASH_COMMANDS) {
      app.command(command, listener);
    }
    return app;
  }
}
