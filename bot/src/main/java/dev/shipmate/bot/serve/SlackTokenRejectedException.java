package dev.shipmate.bot.serve;

import dev.shipmate.bot.ProcessSettings;
import java.net.URI;

/**
 * Slack's Web API did not confirm the bot token when the app started ({@code auth.test} failed), or
 * in Socket Mode refused the app-level token ({@code apps.connections.open}): the token is wrong or
 * revoked, or the API cannot be reached.
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

  private SlackTokenRejectedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Socket Mode could not open a connection with the app-level token: {@code error} says why. */
  public static SlackTokenRejectedException appToken(URI webApiUrl, String error, Throwable cause) {
    return new SlackTokenRejectedException(
        "the Slack Web API at "
            + webApiUrl
            + " did not open a Socket Mode connection ("
            + error
            + "). Check SLACK_APP_TOKEN: an app-level token (xapp-…) with the connections:write"
            + " scope, from the Basic Information page of the Slack app, which must have Socket"
            + " Mode enabled"
            + (webApiUrl.equals(ProcessSettings.DEFAULT_SLACK_API_URL)
                ? "; and that this machine can reach slack.com."
                : "; and SLACK_API_URL."),
        cause);
  }
}
