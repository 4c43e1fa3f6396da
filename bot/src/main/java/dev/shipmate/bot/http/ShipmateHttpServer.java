package dev.shipmate.bot.http;

import com.slack.api.bolt.App;
import dev.shipmate.bot.metrics.SignatureFailures;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;

/**
 * Shipmate's HTTP endpoints on Jetty: {@code POST /slack/events} (the Bolt app, behind the
 * future-timestamp check and our signature check; not in Socket Mode), {@code GET /healthz}, and
 * the {@link OperationsEndpoints} ({@code GET /readyz}, {@code GET /metrics}) — on a management
 * port of their own when one is given, so that the port Slack and GitHub reach serves neither.
 * Stopping it lets requests in flight finish.
 */
public final class ShipmateHttpServer implements AutoCloseable {

  public static final String SLACK_EVENTS_PATH = "/slack/events";
  public static final String HEALTH_PATH = "/healthz";

  /** How far ahead of our clock a Slack request may be stamped: the same as Bolt allows behind. */
  static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

  /** How long a stop waits for requests in flight. Slack gives up on an ack after 3 s anyway. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** Connector names, which the contexts' virtual hosts select ({@code @public}). */
  private static final String PUBLIC = "public";

  private static final String MANAGEMENT = "management";

  private final Server server;
  private final ServerConnector connector;
  private final ServerConnector management;

  private ShipmateHttpServer(Server server, ServerConnector connector, ServerConnector management) {
    this.server = server;
    this.connector = connector;
    this.management = management;
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
    return start(port, Optional.empty(), slackEvents, clock, operations, more, limits);
  }

  /**
   * As {@link #start(int, Optional, Clock, OperationsEndpoints, Map, RequestLimits)}, with {@code
   * /readyz} and {@code /metrics} on {@code managementPort} (0 for any free port) instead of {@code
   * port} when it is given.
   */
  public static ShipmateHttpServer start(
      int port,
      Optional<Integer> managementPort,
      Optional<App> slackEvents,
      Clock clock,
      OperationsEndpoints operations,
      Map<String, HttpServlet> more,
      RequestLimits limits)
      throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setName(PUBLIC);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    ServerConnector management = connector;
    if (managementPort.isPresent()) {
      management = new ServerConnector(server);
      management.setName(MANAGEMENT);
      management.setPort(managementPort.get());
      management.setIdleTimeout(limits.idleTimeout().toMillis());
      server.addConnector(management);
    }
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    operations.timeAcks(context);
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    if (managementPort.isPresent()) {
      context.setVirtualHosts(List.of("@" + PUBLIC));
      ServletContextHandler operating = new ServletContextHandler();
      operating.setContextPath("/");
      operating.setVirtualHosts(List.of("@" + MANAGEMENT));
      operations.mount(operating);
      contexts.addHandler(operating);
    } else {
      operations.mount(context);
    }
    contexts.addHandler(context);
    // Before the signature check and every servlet: nothing behind it sees a body over the cap.
    context.addFilter(
        new FilterHolder(new BodyLimitFilter(limits.maxBodyBytes())),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    slackEvents.ifPresent(
        app -> {
          SignatureFailures slackFailures =
              new SignatureFailures(
                  operations.metrics().registry(),
                  SLACK_EVENTS_PATH,
                  clock,
                  SignatureFailures.DEFAULT_INTERVAL);
          // Ours, in constant time, before Bolt's own check (which compares with String.equals).
          context.addFilter(
              new FilterHolder(
                  new SlackSignatureFilter(
                      app.config().getSigningSecret(), clock, TIMESTAMP_TOLERANCE, slackFailures)),
              SLACK_EVENTS_PATH,
              EnumSet.of(DispatcherType.REQUEST));
          context.addServlet(new ServletHolder(new SlackEventsServlet(app)), SLACK_EVENTS_PATH);
        });
    context.addServlet(new ServletHolder(new HealthServlet()), HEALTH_PATH);
    more.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));

    server.setHandler(
        new GracefulHandler(
            new MinimumDataRateHandler(contexts, limits.minReadBytesPerSecond(), 0)));
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
    try {
      server.start();
    } catch (Exception | Error didNotStart) {
      // A half-started server keeps its threads; stop them before reporting the failure.
      server.stop();
      if (didNotStart instanceof IOException && didNotStart.getCause() instanceof BindException) {
        throw new PortUnavailableException(
            bindFailure(connector, management, port, managementPort), didNotStart);
      }
      throw didNotStart;
    }
    return new ShipmateHttpServer(server, connector, management);
  }

  /** Which of the two ports could not be bound: the one Jetty did not open. */
  private static String bindFailure(
      ServerConnector connector,
      ServerConnector management,
      int port,
      Optional<Integer> managementPort) {
    if (managementPort.isPresent() && connector.isStarted() && !management.isStarted()) {
      return "port " + managementPort.get() + " (MANAGEMENT_PORT)";
    }
    return "port " + port;
  }

  /** The port asked for cannot be listened on. */
  public static final class PortUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    PortUnavailableException(String port, Throwable cause) {
      super(
          "cannot listen on "
              + port
              + " ("
              + cause.getCause().getMessage()
              + "): stop what uses it, or set "
              + (port.contains("MANAGEMENT_PORT") ? "MANAGEMENT_PORT" : "PORT")
              + " to a free port",
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

  /** The port {@code /readyz} and {@code /metrics} are served on: {@link #port()} unless apart. */
  public int managementPort() {
    return management.getLocalPort();
  }

  /** Where a client on this machine reaches {@code /readyz} and {@code /metrics}. */
  public URI managementUri() {
    return URI.create("http://127.0.0.1:" + managementPort());
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
