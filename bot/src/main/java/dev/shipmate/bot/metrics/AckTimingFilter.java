package dev.shipmate.bot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Times how long Slack waits for our answer to each request on {@code /slack/events}: the ack,
 * which Slack gives up on after 3 seconds. Measured around the whole servlet chain, signature check
 * included, so it is what Slack sees minus the network.
 */
public final class AckTimingFilter implements Filter {

  private final MeterRegistry registry;

  public AckTimingFilter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Timer.Sample sample = Timer.start(registry);
    try {
      chain.doFilter(request, response);
    } finally {
      int status = ((HttpServletResponse) response).getStatus();
      sample.stop(
          Timer.builder("shipmate.slack.ack")
              .description("Time to answer a Slack request on /slack/events (Slack waits 3 s)")
              .tag("status", Integer.toString(status))
              .publishPercentileHistogram()
              .serviceLevelObjectives(Duration.ofSeconds(3))
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofSeconds(10))
              .register(registry));
    }
  }
}
