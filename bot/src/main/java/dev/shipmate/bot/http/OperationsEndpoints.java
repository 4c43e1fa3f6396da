package dev.shipmate.bot.http;

import dev.shipmate.bot.metrics.AckTimingFilter;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.engine.Readiness;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * What a platform asks of a running Shipmate: {@code GET /readyz} (Kubernetes' readiness probe) and
 * {@code GET /metrics} (Prometheus), and the timing of Slack's acks on {@code /slack/events}.
 *
 * @param readinessChecks a thread of its own for the readiness checks, owned by the bot
 */
public record OperationsEndpoints(
    Supplier<Readiness> readiness, ShipmateMetrics metrics, ExecutorService readinessChecks) {

  public static final String READINESS_PATH = "/readyz";
  public static final String METRICS_PATH = "/metrics";

  /** Shorter than the Deployment's readinessProbe timeout (3 s), so the probe gets an answer. */
  static final Duration READINESS_BUDGET = Duration.ofSeconds(2);

  /** Times Slack's acks on the context that serves {@code /slack/events}. */
  void timeAcks(ServletContextHandler context) {
    // Added before the signature check's filter, so a refused request is timed too.
    context.addFilter(
        new FilterHolder(new AckTimingFilter(metrics.registry())),
        ShipmateHttpServer.SLACK_EVENTS_PATH,
        EnumSet.of(DispatcherType.REQUEST));
  }

  /** {@code /readyz} and {@code /metrics}, on the management port's context (or the only one). */
  void mount(ServletContextHandler context) {
    context.addServlet(
        new ServletHolder(new ReadinessServlet(readiness, READINESS_BUDGET, readinessChecks)),
        READINESS_PATH);
    context.addServlet(new ServletHolder(new MetricsServlet(metrics)), METRICS_PATH);
  }
}
