package dev.shipmate.bot.metrics;

import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunListener;
import dev.shipmate.engine.run.StepRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Counts and times runs and steps from the engine's events. In a cluster each replica counts the
 * transitions it advanced, so Prometheus' sum over replicas is the whole. Step durations are read
 * from the journal's step rows, so a step that another replica started is timed right.
 */
public final class RunMetricsListener implements RunListener {

  private final MeterRegistry registry;
  private final Function<RunId, List<StepRun>> steps;

  /**
   * @param steps a run's step rows, as the engine has them ({@code engine::steps})
   */
  public RunMetricsListener(MeterRegistry registry, Function<RunId, List<StepRun>> steps) {
    this.registry = registry;
    this.steps = steps;
  }

  @Override
  public void onEvent(RunEvent event) {
    Run run = event.run();
    String pipeline = run.pipeline();
    if (event instanceof RunEvent.RunRequested) {
      counter("shipmate.runs.requested", "Runs accepted (they hold their lock)", pipeline)
          .increment();
    } else if (event instanceof RunEvent.RunStarted) {
      counter("shipmate.runs.started", "Runs that started their first step", pipeline).increment();
    } else if (event instanceof RunEvent.RunFinished finished) {
      finished(run, finished);
    } else if (event instanceof RunEvent.StepRetrying retrying) {
      Counter.builder("shipmate.step.retries")
          .description("Transient step failures (a Kubernetes, AWS or GitHub call) retried")
          .tag("pipeline", pipeline)
          .tag("step", retrying.name())
          .tag("kind", retrying.failure().kind().name().toLowerCase(Locale.ROOT))
          .register(registry)
          .increment();
    } else if (event instanceof RunEvent.StepSucceeded done) {
      stepEnded(run, done.name(), "succeeded");
    } else if (event instanceof RunEvent.StepSkipped skipped) {
      stepEnded(run, skipped.name(), "skipped");
    } else if (event instanceof RunEvent.StepFailed failed) {
      stepEnded(run, failed.name(), "failed");
    }
  }

  private void finished(Run run, RunEvent.RunFinished event) {
    String outcome = run.status().words().replace(' ', '_');
    Counter.builder("shipmate.runs.finished")
        .description("Runs that ended, by outcome")
        .tag("pipeline", run.pipeline())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("shipmate.run.duration")
        .description("From a run's request to its end, approval wait included")
        .tag("pipeline", run.pipeline())
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofHours(2))
        .register(registry)
        .record(positive(Duration.between(run.createdAt(), event.at())));
  }

  private void stepEnded(Run run, String step, String outcome) {
    steps.apply(run.id()).stream()
        .filter(s -> s.step().equals(step) && s.finishedAt().isPresent())
        .max(Comparator.comparing(s -> s.finishedAt().get()))
        .ifPresent(
            row ->
                Timer.builder("shipmate.step.duration")
                    .description("From a step's first execution to its end, checks included")
                    .tag("pipeline", run.pipeline())
                    .tag("step", step)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofHours(1))
                    .register(registry)
                    .record(positive(Duration.between(row.startedAt(), row.finishedAt().get()))));
  }

  private Counter counter(String name, String description, String pipeline) {
    return Counter.builder(name)
        .description(description)
        .tag("pipeline", pipeline)
        .register(registry);
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
