package dev.shipmate.pipelines.analysis;

/**
 * A check cannot be measured at all, and measuring again would give the same answer: a query
 * Prometheus refuses, an alarm CloudWatch does not have. The step that runs the check stops on it
 * rather than counting it as one failed measurement among others.
 */
public class CheckUnusableException extends RuntimeException {
  public CheckUnusableException(String message) {
    super(message);
  }
}
