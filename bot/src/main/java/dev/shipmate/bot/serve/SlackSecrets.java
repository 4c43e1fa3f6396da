package dev.shipmate.bot.serve;

import dev.shipmate.config.SlackSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The Slack credentials {@code serve} cannot start without. A configuration may leave them empty
 * (so that {@code validate} works on a laptop without secrets); a server may not.
 */
public final class SlackSecrets {

  private SlackSecrets() {}

  /** What is missing, one sentence each, saying where to put it; empty when nothing is. */
  public static List<String> missing(SlackSettings slack) {
    List<String> missing = new ArrayList<>();
    if (slack.botToken().isBlank()) {
      missing.add(
          "slack.botToken is empty: set SLACK_BOT_TOKEN to the app's bot token (xoxb-…),"
              + " from the OAuth & Permissions page of the Slack app.");
    }
    if (slack.mode() == SlackSettings.Mode.HTTP && slack.signingSecret().isBlank()) {
      missing.add(
          "slack.signingSecret is empty: set SLACK_SIGNING_SECRET to the app's signing secret,"
              + " from the Basic Information page of the Slack app.");
    }
    if (slack.mode() == SlackSettings.Mode.SOCKET && slack.appToken().isBlank()) {
      missing.add(
          "slack.appToken is empty, and slack.mode is socket: set SLACK_APP_TOKEN to an"
              + " app-level token (xapp-…) with the connections:write scope, from the Basic"
              + " Information page of the Slack app (App-Level Tokens).");
    }
    return missing;
  }
}
