package dev.shipmate.bot.http;

import com.slack.api.bolt.App;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;

/**
 * Shipmate's HTTP endpoints on Jetty: {@code POST /slack/events} (the Bolt app, behind the
 * future-timestamp check; not in Socket Mode), {@code GET /healthz}, and the {@link
 * OperationsEndpoints} ({@code GET /readyz}, {@code GET /metrics}). Stopping it lets requests in
 * flight finish.
 */
public final class ShipmateHttpServer implements AutoCloseable {

  public static final String SLACK_EVENTS_PATH = "/slack/events";
  public static final String HEALTH_PATH = "/healthz";

  /** How far ahead of our clock a Slack request may be stamped: the same as Bolt allows behind. */
  static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

  /** How long a stop waits for requests in flight. Slack gives up on an ack after 3 s anyway. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Server server;
  private final ServerConnector connector;

  private ShipmateHttpServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts serving on {@code port} (0 for any free port) on all interfaces: {@code slackEvents}
   * (the Bolt app at {@code /slack/events}; empty in Socket Mode, where Slack reaches the bot over
   * its WebSockets and nothing may post to it), the operations endpoints and {@code more}: servlet
   * by path (previews add {@code /github/webhook}). Every request is held to {@code limits}: bodies
   * over the cap answered 413 before any servlet (Bolt, the GitHub webhook) reads them, connections
   * capped, slow senders cut off.
   *
   * @throws PortUnavailableException when the port is taken or not ours to use
   * @throws Exception when Jetty cannot start for another reason
   */
  public static ShipmateHttpServer start(
      int port,
      Optional<App> slackEvents,
      Clock clock,
      OperationsEndpoints operations,
      Map<String, HttpServlet> more,
      RequestLimits limits)
      throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    operations.mount(context);
    // Before the signature check and every servlet: nothing behind it sees a body over the cap.
    context.addFilter(
        new FilterHolder(new BodyLimitFilter(limits.maxBodyBytes())),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    slackEvents.ifPresent(
        app -> {
          context.addFilter(
              new FilterHolder(new FutureTimestampFilter(clock, TIMESTAMP_TOLERANCE)),
              SLACK_EVENTS_PATH,
              EnumSet.of(DispatcherType.REQUEST));
          context.addServlet(new ServletHolder(new SlackEventsServlet(app)), SLACK_EVENTS_PATH);
        });
    context.addServlet(new ServletHolder(new HealthServlet()), HEALTH_PATH);
    more.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));

    server.setHandler(
        new GracefulHandler(
            new MinimumDataRateHandler(context, limits.minReadBytesPerSecond(), 0)));
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
    try {
      server.start();
    } catch (Exception | Error didNotStart) {
      // A half-started server keeps its threads; stop them before reporting the failure.
      server.stop();
      if (didNotStart instanceof IOException && didNotStart.getCause() instanceof BindException) {
        throw new PortUnavailableException(port, didNotStart);
      }
      throw didNotStart;
    }
    return new ShipmateHttpServer(server, connector);
  }

  /** The port asked for cannot be listened on. */
  public static final class PortUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    PortUnavailableException(int port, Throwable cause) {
      super(
          "cannot listen on port "
              + port
              + " ("
              + cause.getCause().getMessage()
              + "): stop what uses it, or set PORT to a free port",
          cause);
    }
  }

  /** The port actually bound, which differs from the one asked for when that was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Where a client on this machine reaches the server, e.g. {@code http://127.0.0.1:3000}. */
  public URI localUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops accepting requests and waits (up to a few seconds) for those in flight. */
  @Override
  public void close() throws Exception {
    server.stop();
  }
}
