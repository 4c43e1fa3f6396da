package dev.shipmate.bot.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Shipmate's meters, served on {@code GET /metrics} in Prometheus' text format. The meters fed by
 * events (runs, steps, Slack calls, acks) are created by their listeners on this registry; this
 * class holds the registry and the gauges other features set: previews alive and drift.
 *
 * <p>A gauge nobody has set yet reads NaN ("not known"), not 0 ("none"): a dashboard must not show
 * "no drift" before the first drift report.
 */
public final class ShipmateMetrics {

  public static final String PREVIEWS_ALIVE = "shipmate.previews.alive";
  public static final String DRIFTED_OBJECTS = "shipmate.drift.objects";
  public static final String LOCKS_HELD = "shipmate.locks.held";

  private final PrometheusMeterRegistry registry;
  private final GaugeValue previewsAlive = new GaugeValue();
  private final Map<String, GaugeValue> drift = new ConcurrentHashMap<>();

  private ShipmateMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * The registry with the JVM's own meters and the named gauges registered, one drift gauge per
   * configured cluster.
   */
  public static ShipmateMetrics create(Collection<String> clusters) {
    ShipmateMetrics metrics =
        new ShipmateMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    MeterRegistry registry = metrics.registry;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder(PREVIEWS_ALIVE, metrics.previewsAlive, GaugeValue::get)
        .description("Preview environments that exist now (NaN until the previews feature reports)")
        .register(registry);
    clusters.forEach(metrics::driftGauge);
    return metrics;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** How many preview environments exist now; the previews feature calls it when it knows. */
  public void previewsAlive(int count) {
    previewsAlive.set(count);
  }

  /** How many objects of {@code cluster} differ from git, as of the latest drift report. */
  public void driftedObjects(String cluster, int count) {
    driftGauge(cluster).set(count);
  }

  /**
   * How many locks are held now, read when scraped: one per run that is not over. A failing read
   * shows as NaN.
   */
  public void locksHeld(Supplier<Integer> count) {
    Objects.requireNonNull(count, "count");
    Gauge.builder(LOCKS_HELD, () -> readOrNaN(count))
        .description("Targets locked by an active run (deploy:prod/web, cutover:www, ...)")
        .register(registry);
  }

  private GaugeValue driftGauge(String cluster) {
    return drift.computeIfAbsent(
        cluster,
        name -> {
          GaugeValue value = new GaugeValue();
          Gauge.builder(DRIFTED_OBJECTS, value, GaugeValue::get)
              .tag("cluster", name)
              .description(
                  "Objects that differ from git at the latest drift report (NaN before one)")
              .register(registry);
          return value;
        });
  }

  private static double readOrNaN(Supplier<Integer> count) {
    try {
      return count.get();
    } catch (RuntimeException unreadable) {
      return Double.NaN;
    }
  }

  /** A gauge's value, set from anywhere; NaN until first set. */
  private static final class GaugeValue {
    private volatile double value = Double.NaN;

    void set(double next) {
      value = next;
    }

    double get() {
      return value;
    }
  }
}
