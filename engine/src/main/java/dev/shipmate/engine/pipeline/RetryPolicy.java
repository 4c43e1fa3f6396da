package dev.shipmate.engine.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how far apart, a step is retried after a transient failure: exponential backoff
 * from {@code firstDelay}, capped at {@code maxDelay}, for at most {@code maxAttempts} executions.
 * No jitter: runs are few and their steps rarely hit the same endpoint at the same instant.
 */
public record RetryPolicy(
    int maxAttempts, Duration firstDelay, double multiplier, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(2));

  public RetryPolicy {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
  }

  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
  }

  /** The wait after {@code failedAttempts} failures (1 → firstDelay). */
  public Duration delayAfter(int failedAttempts) {
    double factor = Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    double millis = firstDelay.toMillis() * factor;
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }
}
