package dev.shipmate.bot.http;

import dev.shipmate.bot.metrics.SignatureFailures;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Refuses a Slack request whose {@code X-Slack-Request-Timestamp} lies too far in the future,
 * before Bolt sees it. Bolt's verifier refuses stale timestamps but accepts future ones, so a
 * request signed ahead of time (or captured from a sender with a fast clock) could otherwise be
 * replayed for as long as its timestamp stays ahead. A missing timestamp is left to Bolt, which
 * refuses it.
 */
public final class FutureTimestampFilter implements Filter {

  static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

  private final Clock clock;
  private final Duration tolerance;
  private final SignatureFailures failures;

  /**
   * @param failures where a refusal is counted and logged, rate-limited: the header is the sender's
   *     text, never written to the log
   */
  public FutureTimestampFilter(Clock clock, Duration tolerance, SignatureFailures failures) {
    this.clock = clock;
    this.tolerance = tolerance;
    this.failures = failures;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String header = ((HttpServletRequest) request).getHeader(TIMESTAMP_HEADER);
    if (header != null && !acceptable(header, clock.instant(), tolerance)) {
      failures.refused(
          "a timestamp more than " + tolerance.toMinutes() + " min ahead, or not a time");
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      http.setContentType("application/json");
      http.getWriter().write("{\"error\":\"invalid request\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * Whether a request stamped {@code epochSeconds} may go on to Bolt at {@code now}: it must be a
   * number of seconds no further than {@code tolerance} ahead. How far behind is Bolt's to judge.
   */
  static boolean acceptable(String epochSeconds, Instant now, Duration tolerance) {
    long seconds;
    try {
      seconds = Long.parseLong(epochSeconds.strip());
    } catch (NumberFormatException notANumber) {
      return false;
    }
    return seconds <= now.plus(tolerance).getEpochSecond();
  }
}
