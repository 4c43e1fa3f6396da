package dev.shipmate.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.util.http.SlackHttpClient;
import dev.shipmate.bot.dispatch.ButtonHandlers;
import dev.shipmate.bot.slack.render.ConfirmationModal;
import dev.shipmate.commands.CommandGrammar;
import java.net.URI;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Builds Shipmate's Bolt app: a single-workspace app that verifies Slack's signatures, talks to the
 * Web API at a configurable base URL, routes every Shipmate slash command to one listener, each run
 * button to the one button listener, the answers to a confirmation modal to their listener and the
 * Home tab to its listener.
 */
public final class SlackApp {

  private SlackApp() {}

  /** A Slack client whose Web API calls go to {@code webApiUrl} (ending with a slash). */
  public static Slack client(URI webApiUrl) {
    return Slack.getInstance(config(webApiUrl));
  }

  /**
   * The same, with {@code interceptors} seeing every HTTP call and its answer, the first outermost:
   * the rate budget, then the metrics (which so count each call Slack answered).
   */
  public static Slack client(URI webApiUrl, Interceptor... interceptors) {
    SlackConfig slackConfig = config(webApiUrl);
    OkHttpClient.Builder builder = SlackHttpClient.buildOkHttpClient(slackConfig).newBuilder();
    for (Interceptor interceptor : interceptors) {
      builder.addInterceptor(interceptor);
    }
    OkHttpClient http = builder.build();
    SlackHttpClient client = new SlackHttpClient(http);
    client.setConfig(slackConfig);
    return Slack.getInstance(slackConfig, client);
  }

  private static SlackConfig config(URI webApiUrl) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(webApiUrl.toString());
    // The client's metrics collector runs background threads we have no use for.
    slackConfig.setStatsEnabled(false);
    return slackConfig;
  }

  /**
   * @param botToken the bot token ({@code xoxb-…}); Bolt checks it with {@code auth.test}
   * @param signingSecret the secret Slack signs requests with
   * @param buttons the {@code action_id}s (and prefixes of families of them) of every button, all
   *     handled by {@code clicks}
   */
  public static App create(
      String botToken,
      String signingSecret,
      Slack slack,
      SlashCommandListener commands,
      ButtonHandlers buttons,
      ButtonListener clicks,
      ConfirmationListener confirmations,
      BoltEventHandler<AppHomeOpenedEvent> home) {
    App app =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(botToken)
                .signingSecret(signingSecret)
                .slack(slack)
                .build());
    for (String command : CommandGrammar.SLASH_COMMANDS) {
      app.command(command, commands);
    }
    for (String actionId : buttons.actionIds()) {
      app.blockAction(actionId, clicks);
    }
    for (String prefix : buttons.prefixes()) {
      // One action_id per member of the family (run.choose.skip, run.choose.wait, …).
      app.blockAction(Pattern.compile("^" + Pattern.quote(prefix) + ".+$"), clicks);
    }
    app.viewSubmission(ConfirmationModal.CALLBACK_ID, confirmations::submitted);
    app.viewClosed(ConfirmationModal.CALLBACK_ID, confirmations::closed);
    app.event(AppHomeOpenedEvent.class, home);
    return app;
  }
}
