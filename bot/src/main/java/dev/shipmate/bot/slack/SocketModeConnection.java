package dev.shipmate.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;

/**
 * {@code slack.mode: socket}: the same Bolt {@link App} (same listeners, same dispatcher) fed over
 * Socket Mode instead of {@code POST /slack/events}. Bolt's Socket Mode client opens a WebSocket
 * with the app-level token ({@code apps.connections.open}), acknowledges every envelope with what
 * the app answered, and reconnects by itself when Slack recycles the connection. Envelopes are
 * handled on a small pool, as HTTP requests are on Jetty's, so that one slow acknowledgement does
 * not hold the others.
 */
public final class SocketModeConnection implements AutoCloseable {

  /** Envelopes handled at once; each only acknowledges, the slow work is on the bot's executors. */
  private static final int CONCURRENCY = 8;

  private final SocketModeApp socketMode;

  private SocketModeConnection(SocketModeApp socketMode) {
    this.socketMode = socketMode;
  }

  /**
   * Connects {@code app} to Slack with {@code appToken} and returns once the first connection is
   * open.
   *
   * @throws Exception when Slack refuses the token or the WebSocket cannot be opened
   */
  public static SocketModeConnection open(App app, String appToken) throws Exception {
    // Bolt's client turns a refused token into a NullPointerException while connecting; asking
    // first turns it into Slack's own reason. The URL it hands out is left unused.
    AppsConnectionsOpenResponse check;
    try {
      check = app.slack().methods(appToken).appsConnectionsOpen(request -> request);
    } catch (IOException | SlackApiException unreachable) {
      throw new RefusedException(unreachable.toString(), unreachable);
    }
    if (!check.isOk()) {
      throw new RefusedException(check.getError(), null);
    }
    SocketModeApp socketMode =
        new SocketModeApp(
            appToken,
            SocketModeClient.Backend.JavaWebSocket,
            SocketModeConnection::answerFailure,
            app,
            CONCURRENCY);
    socketMode.startAsync();
    return new SocketModeConnection(socketMode);
  }

  /** Slack did not open a Socket Mode connection: the message is its reason. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedException(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** What escapes the app is answered as {@code /slack/events} answers it ({@link FailureAck}). */
  private static Response answerFailure(SocketModeApp.ErrorContext failed) {
    return FailureAck.of(
        failed.getRequest() == null ? "unreadable" : failed.getRequest().getRequestType(),
        failed.getException());
  }

  /** Disconnects; envelopes Slack sends meanwhile go to another replica's connection. */
  @Override
  public void close() throws Exception {
    socketMode.close();
  }
}
