package dev.shipmate.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests refused because their signature (or its timestamp) was not right, on one endpoint:
 * counted by the meter {@code shipmate_signature_failures_total{endpoint}}, and logged at most one
 * line per interval. Anyone can send these, as fast as they like, so a line per request would let
 * them fill the log; the line says how many were refused since the last one, and never what the
 * sender wrote.
 */
public final class SignatureFailures {
  public static final String METER = "shipmate.signature.failures";

  /** At most one WARN line this often per endpoint. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(SignatureFailures.class);

  private final String endpoint;
  private final Counter counter;
  private final Clock clock;
  private final Duration interval;
  private Instant nextLine = Instant.MIN;
  private long unlogged;

  public SignatureFailures(
      MeterRegistry registry, String endpoint, Clock clock, Duration interval) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.counter =
        Counter.builder(METER)
            .description("requests refused for a missing, wrong or stale signature")
            .tag("endpoint", endpoint)
            .register(registry);
  }

  /**
   * Counts one refused request, and logs the ones counted since the last line when the interval has
   * passed.
   *
   * @param why what was wrong, in our words (never the sender's text)
   * @return whether this call wrote the log line
   */
  public boolean refused(String why) {
    counter.increment();
    Instant now = clock.instant();
    long count;
    synchronized (this) {
      unlogged++;
      if (now.isBefore(nextLine)) {
        return false;
      }
      count = unlogged;
      unlogged = 0;
      nextLine = now.plus(interval);
    }
    log.warn(
        "{} request(s) to {} refused for their signature since the last such line (this one: {});"
            + " at most one line per {} s, every one counted in shipmate_signature_failures_total",
        count,
        endpoint,
        why,
        interval.toSeconds());
    return true;
  }

  /** Every request refused so far (what the meter shows). */
  public double count() {
    return counter.count();
  }
}
