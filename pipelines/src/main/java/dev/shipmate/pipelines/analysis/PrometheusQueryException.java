package dev.shipmate.pipelines.analysis;

/**
 * Prometheus refused the query itself (bad_data: a syntax error, an unknown function) or answered
 * with more than one series: measuring again gives the same answer, so the check cannot go on.
 */
public final class PrometheusQueryException extends CheckUnusableException {
  public PrometheusQueryException(String message) {
    super(message);
  }
}
