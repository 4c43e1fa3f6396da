package dev.shipmate.engine.bench;

import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One step that never finishes: it asks to be checked again after {@link #interval}, and notes how
 * late each check came compared with when it asked for it.
 */
final class BenchPipeline implements Pipeline<BenchPipeline.Params> {
  record Params(int n) {}

  volatile Duration interval = Duration.ofSeconds(2);
  volatile boolean measuring;
  final LongAdder executions = new LongAdder();
  final LatencySamples latencies = new LatencySamples();
  private final Map<RunId, Instant> requested = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return "bench";
  }

  @Override
  public char idPrefix() {
    return 'b';
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public LockKey lockKey(Params params) {
    return LockKey.of("bench", "run-" + params.n());
  }

  @Override
  public List<Step<Params>> steps() {
    return List.of(
        Step.define(
            "poll",
            ctx -> {
              Instant now = ctx.now();
              Instant asked = requested.get(ctx.runId());
              if (measuring) {
                executions.increment();
                if (asked != null) {
                  latencies.add(Duration.between(asked, now));
                }
              }
              Duration next = interval;
              requested.put(ctx.runId(), now.plus(next));
              // A new note each time, so that every check is a committed transition with an event.
              return StepResult.running(next, "check " + ctx.attempt());
            }));
  }
}
