package dev.shipmate.engine.bench;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.wakeup.QuartzSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the production engine (Quartz on its JDBC store) moves 500 active runs, on H2 and on
 * PostgreSQL. Not a test: run with {@code mvn -pl engine -am -Pbench -Dspotless.skip=true
 * -DskipTests verify}. Prints a Markdown table; never fails on a figure.
 *
 * <p>Each run's only step answers "check again after {@code interval}" forever. Two phases per
 * database: <b>steady</b>, every run asking to be checked every 10 s (50 checks/s wanted, below
 * what the engine can do), which measures how late checks come (trigger-to-execution latency); and
 * <b>saturated</b>, every run asking to be checked at once, which measures the most step executions
 * per second.
 */
public final class EngineBenchmark {
  static final int RUNS = 500;
  static final Duration WARMUP = Duration.ofSeconds(10);
  static final Duration STEADY = Duration.ofSeconds(30);
  static final Duration SATURATED = Duration.ofSeconds(20);
  static final Duration STEADY_INTERVAL = Duration.ofSeconds(10);

  record Figures(
      String database,
      double startsPerSecond,
      double steadyExecutionsPerSecond,
      double p50,
      double p99,
      int samples,
      double saturatedExecutionsPerSecond) {}

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "JVM %s, %d processors, load average %.1f at start%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    List<Figures> figures = new ArrayList<>();
    Path folder = Files.createTempDirectory("shipmate-bench");
    figures.add(measure("H2 file", TestDatabases.h2(folder), "bench-h2"));
    figures.add(measure("PostgreSQL 14 (embedded)", TestDatabases.postgres(), "bench-pg"));
    System.out.println();
    System.out.println(
        "| database | starts/s | steady: step executions/s | steady: latency p50 | steady:"
            + " latency p99 | samples | saturated: step executions/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Figures f : figures) {
      System.out.printf(
          "| %s | %.0f | %.0f | %.0f ms | %.0f ms | %d | %.0f |%n",
          f.database(),
          f.startsPerSecond(),
          f.steadyExecutionsPerSecond(),
          f.p50(),
          f.p99(),
          f.samples(),
          f.saturatedExecutionsPerSecond());
    }
    System.exit(0); // the embedded PostgreSQL stops in its shutdown hook
  }

  static Figures measure(String database, StoreSettings store, String scheduler) throws Exception {
    BenchPipeline pipeline = new BenchPipeline();
    pipeline.interval = STEADY_INTERVAL;
    EngineSettings settings =
        EngineSettings.defaults()
            .withQuartz(
                QuartzSettings.defaults()
                    .withSchedulerName(scheduler)
                    .withInstanceId("bench")
                    .withIdleWaitTime(Duration.ofSeconds(1)));
    try (Engine engine = Engine.open(store, PipelineRegistry.of(pipeline), settings, List.of())) {
      engine.start();
      long started = System.nanoTime();
      for (int i = 0; i < RUNS; i++) {
        StartResult result =
            engine.start(StartRequest.of("bench", new BenchPipeline.Params(i), "bench"));
        if (!(result instanceof StartResult.Started)) {
          throw new IllegalStateException("run " + i + " did not start: " + result);
        }
      }
      double startsPerSecond = RUNS / seconds(System.nanoTime() - started);
      System.out.printf("%s: %d runs started, %.0f/s%n", database, RUNS, startsPerSecond);

      Thread.sleep(WARMUP.toMillis());
      pipeline.measuring = true;
      long steadyStart = System.nanoTime();
      Thread.sleep(STEADY.toMillis());
      pipeline.measuring = false;
      double steady = pipeline.executions.sumThenReset() / seconds(System.nanoTime() - steadyStart);
      double p50 = pipeline.latencies.percentileMillis(50);
      double p99 = pipeline.latencies.percentileMillis(99);
      int samples = pipeline.latencies.size();
      System.out.printf(
          "%s steady: %.0f executions/s, latency p50 %.0f ms, p99 %.0f ms (%d samples)%n",
          database, steady, p50, p99, samples);

      pipeline.interval = Duration.ZERO;
      Thread.sleep(Duration.ofSeconds(5).toMillis()); // every run falls due at its next check
      pipeline.measuring = true;
      long saturatedStart = System.nanoTime();
      Thread.sleep(SATURATED.toMillis());
      pipeline.measuring = false;
      double saturated =
          pipeline.executions.sumThenReset() / seconds(System.nanoTime() - saturatedStart);
      System.out.printf("%s saturated: %.0f executions/s%n", database, saturated);
      pipeline.interval = Duration.ofHours(1); // let the scheduler drain before closing
      Thread.sleep(2000);
      return new Figures(database, startsPerSecond, steady, p50, p99, samples, saturated);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
