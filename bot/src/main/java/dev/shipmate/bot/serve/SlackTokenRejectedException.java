package dev.shipmate.bot.serve;

import dev.shipmate.bot.ProcessSettings;
import java.net.URI;

/**
 * Slack's Web API did not confirm the bot token when the app started ({@code auth.test} failed):
 * the token is wrong or revoked, or the API cannot be reached.
 */
public final class SlackTokenRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SlackTokenRejectedException(URI webApiUrl, IllegalArgumentException cause) {
    super(
        "the Slack Web API at "
            + webApiUrl
            + " did not confirm the bot token ("
            + cause.getMessage()
            + "). Check SLACK_BOT_TOKEN"
            + (webApiUrl.equals(ProcessSettings.DEFAULT_SLACK_API_URL)
                ? " and that this machine can reach slack.com."
                : ", and SLACK_API_URL."),
        cause);
  }
}
