package dev.shipmate.bot.bench.sidebyside;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.shipmate.bot.http.OperationsEndpoints;
import dev.shipmate.bot.http.RequestLimits;
import dev.shipmate.bot.http.ShipmateHttpServer;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.engine.Readiness;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The peer of Shipmate's ack path: a bare Bolt app that acks every slash command and button click
 * at once, served by the same Jetty with the same filters and signature check as Shipmate ({@link
 * ShipmateHttpServer}: body limit, future timestamps, our constant-time signature check, then
 * Bolt's own). Whatever Shipmate takes beyond it is Shipmate's own work.
 */
final class BareBoltApp implements AutoCloseable {

  private final ShipmateHttpServer server;
  private final ExecutorService readiness = Executors.newSingleThreadExecutor();

  BareBoltApp(URI slackApi, String botToken, String signingSecret) throws Exception {
    App app =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(botToken)
                .signingSecret(signingSecret)
                .slack(SlackApp.client(slackApi))
                .build());
    for (String command : List.of("/deploy", "/runs")) {
      app.command(command, (request, context) -> context.ack("Nothing was started: bare Bolt."));
    }
    app.blockAction(
        java.util.regex.Pattern.compile("^run\\..+$"), (request, context) -> context.ack());
    server =
        ShipmateHttpServer.start(
            0,
            Optional.of(app),
            Clock.systemUTC(),
            new OperationsEndpoints(
                () -> Readiness.READY, ShipmateMetrics.create(List.of()), readiness),
            Map.of(),
            RequestLimits.defaults());
  }

  URI events() {
    return server.localUri().resolve(ShipmateHttpServer.SLACK_EVENTS_PATH);
  }

  @Override
  public void close() throws Exception {
    server.close();
    readiness.shutdownNow();
  }
}
