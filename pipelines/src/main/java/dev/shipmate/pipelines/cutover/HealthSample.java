package dev.shipmate.pipelines.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe of the green side.
 *
 * @param at when the probe was sent
 * @param status the HTTP status, or 0 when no answer came
 * @param latency how long the answer took, or how long was waited for none
 * @param error why no answer came ({@code connection refused}, {@code timed out after 2s})
 */
public record HealthSample(Instant at, int status, Duration latency, Optional<String> error) {

  public HealthSample {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(error, "error");
  }

  public static HealthSample answered(Instant at, int status, Duration latency) {
    return new HealthSample(at, status, latency, Optional.empty());
  }

  public static HealthSample unanswered(Instant at, Duration waited, String error) {
    return new HealthSample(at, 0, waited, Optional.of(error));
  }

  /** A 2xx answer. A redirect is not success: a health URL that redirects is misconfigured. */
  public boolean success() {
    return status >= 200 && status < 300;
  }

  /** {@code 503} or {@code connection refused}. */
  public String outcome() {
    return error.orElseGet(() -> Integer.toString(status));
  }
}
