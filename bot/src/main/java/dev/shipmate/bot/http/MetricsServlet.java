package dev.shipmate.bot.http;

import dev.shipmate.bot.metrics.ShipmateMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /metrics}: every meter in Prometheus' text format, for a scraper. */
public final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Prometheus' text exposition format, version 0.0.4. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final transient ShipmateMetrics metrics;

  public MetricsServlet(ShipmateMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(CONTENT_TYPE);
    response.getWriter().write(metrics.scrape());
  }
}
