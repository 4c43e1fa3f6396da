package dev.shipmate.config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code cutovers.NAME:} — a weighted Route53 record pair to shift traffic on: the hosted zone, the
 * record name and type, the set identifiers of the blue (current) and green (new) records, the
 * health gate that judges the green side, and the bake time each step waits under that gate.
 */
public record Cutover(
    String name,
    String zone,
    String record,
    String type,
    String blue,
    String green,
    Health health,
    Duration bake,
    Policy policy) {

  public static final Duration DEFAULT_BAKE = Duration.ofMinutes(5);

  /**
   * {@code health:} — an HTTP probe of the green side: the share of successful probes needed over
   * the bake window, the slowest acceptable answer, how often to probe, and optionally a CloudWatch
   * alarm that must not be in ALARM.
   */
  public record Health(
      String url,
      double minSuccess,
      Optional<Duration> maxLatency,
      Duration interval,
      Optional<String> alarm) {
    public static final double DEFAULT_MIN_SUCCESS = 0.99;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** Without credentials written into the URL ({@code https://user:pass@host/…}). */
    @Override
    public String toString() {
      return "Health[url="
          + Redaction.url(url)
          + ", minSuccess="
          + minSuccess
          + ", maxLatency="
          + maxLatency
          + ", interval="
          + interval
          + ", alarm="
          + alarm
          + "]";
    }
  }
}
