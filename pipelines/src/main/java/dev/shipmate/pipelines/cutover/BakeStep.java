package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.pipeline.RetryPolicy;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.analysis.AnalysisRun;
import dev.shipmate.pipelines.analysis.CheckMeasurer;
import dev.shipmate.pipelines.analysis.CheckTally;
import dev.shipmate.pipelines.analysis.CheckUnusableException;
import dev.shipmate.pipelines.analysis.Measurement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bake}: takes the run through its steps after the first batch. For each step: wait until
 * Route53 reports the batch INSYNC, then probe the green side every {@code health.interval} for at
 * least the record's TTL and the bake time; once the step has baked healthy and {@code --every} has
 * passed since its batch, write the next step's weights in one batch, and so on; done after the
 * last step has baked healthy. Every wait is a "check again after", never a sleeping thread, so a
 * pause between two checks only makes a wait longer.
 *
 * <p>{@code health.alarm}, a CloudWatch alarm, is read with every probe: ALARM fails the gate like
 * a failed probe. Each step also bakes under the cutover's {@code analysis} checks, each on its own
 * interval, from the step's INSYNC until each has all its measurements; the step is not done before
 * they are. A gate that fails (too few successful probes, too slow), or a check that fails, fails
 * the step at once, with the figures (the check, its value or state, its query or alarm) and the
 * split traffic goes back to; the undo of {@code apply-weights} then writes that split and waits
 * for INSYNC.
 */
final class BakeStep implements Step<CutoverParams> {
  static final String NAME = "bake";

  /** How often to ask GetChange; Route53 usually reports INSYNC within a minute. */
  static final Duration IN_SYNC_POLL = Duration.ofSeconds(5);

  /** A batch still PENDING after this is not going to finish by itself. */
  static final Duration IN_SYNC_LIMIT = Duration.ofMinutes(30);

  private final CutoverTargets targets;
  private final Route53Gateway route53;
  private final ProbeClient probe;
  private final CutoverMemory memory;
  private final CheckMeasurer measurer;

  BakeStep(
      CutoverTargets targets,
      Route53Gateway route53,
      ProbeClient probe,
      CutoverMemory memory,
      CheckMeasurer measurer) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.route53 = Objects.requireNonNull(route53, "route53");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.measurer = Objects.requireNonNull(measurer, "measurer");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Long enough for many slow steps; each wait for INSYNC has its own limit. */
  @Override
  public Duration timeout() {
    return CutoverPipeline.LONGEST_RUN;
  }

  @Override
  public RetryPolicy retry() {
    return CutoverPipeline.ROUTE53_RETRY;
  }

  @Override
  public StepResult execute(StepContext<CutoverParams> context) {
    CutoverPlan plan = context.output(PlanCutoverStep.NAME, CutoverPlan.class);
    if (plan.nothingToDo()) {
      return StepResult.skipped(plan.nothingToDoText());
    }
    CutoverTarget target = targets.resolve(context.params().cutover());
    RunId run = context.runId();
    Instant now = context.now();
    MoveState state = memory.move(run).orElseGet(() -> recover(context, plan, target));
    PlannedStep step = plan.steps().get(state.step() - 1);

    if (state.inSyncAt().isEmpty()) {
      if (route53.changeStatus(state.changeId()) == ChangeStatus.PENDING) {
        if (now.isAfter(state.appliedAt().plus(IN_SYNC_LIMIT))) {
          throw StepException.permanent(
              "Route53 has not applied change "
                  + state.changeId()
                  + " ("
                  + CutoverNotes.split(plan, step)
                  + ") within "
                  + dev.shipmate.config.Durations.format(IN_SYNC_LIMIT)
                  + "; check the zone in the Route53 console.");
        }
        return StepResult.running(
            IN_SYNC_POLL,
            CutoverNotes.split(plan, step) + " · waiting for Route53 to apply it (PENDING)");
      }
      state = state.inSync(now);
      memory.remember(run, state);
    }

    HealthSample sample = probe.probe(target.health().url());
    // The probe is sent after `now` was read: the window must reach the sample, or drop it.
    state = state.probed(sample, later(now, sample.at()));
    memory.remember(run, state);
    AnalysisRun checks = checks(run, plan, step, state, target, now);
    HealthVerdict verdict = target.gate().judge(state.window());
    if (verdict instanceof HealthVerdict.Unhealthy unhealthy) {
      return StepResult.failed(FailureKind.PERMANENT, gateFailed(plan, step, state, unhealthy));
    }
    String alarm = "";
    if (target.health().alarm().isPresent()) {
      Measurement read = alarm(target.health().alarm().get(), plan, step, state);
      if (read instanceof Measurement.AlarmState fired && !fired.ok()) {
        return StepResult.failed(
            FailureKind.PERMANENT,
            "green failed its health gate at "
                + CutoverNotes.split(plan, step)
                + ": CloudWatch alarm "
                + fired.alarm()
                + " is "
                + fired.state()
                + fired.reason().map(r -> " (" + r + ")").orElse("")
                + " (health.alarm). Traffic goes back to "
                + CutoverPlan.shares(state.lastHealthy())
                + ", the last healthy split");
      }
      alarm = " · " + alarmWords(target.health().alarm().get(), read);
    }
    Optional<CheckTally> failedCheck = checks.failed();
    if (failedCheck.isPresent()) {
      return StepResult.failed(
          FailureKind.PERMANENT,
          "green failed check "
              + failedCheck.get().failure()
              + ", at "
              + CutoverNotes.split(plan, step)
              + ". Traffic goes back to "
              + CutoverPlan.shares(state.lastHealthy())
              + ", the last healthy split");
    }

    Duration interval = target.health().interval();
    Instant bakedAt = state.inSyncAt().orElseThrow().plus(plan.before().ttl()).plus(target.bake());
    Instant nextAt = later(bakedAt, state.appliedAt().plus(every(context)));
    if (now.isBefore(bakedAt)
        || verdict instanceof HealthVerdict.NotEnoughData
        || (!state.healthy() && !checks.complete())) {
      Duration wait = until(now, bakedAt, interval);
      Duration check = checks.nextIn(now).orElse(wait);
      return StepResult.running(
          check.compareTo(wait) < 0 ? check : wait,
          CutoverNotes.split(plan, step)
              + " · baking until "
              + CutoverNotes.time(bakedAt)
              + " · "
              + verdict.summary()
              + alarm
              + figures(checks)
              + CutoverNotes.next(plan, step.number(), nextAt));
    }
    if (!state.healthy()) {
      state = state.passed(step.weights());
      memory.remember(run, state);
    }
    if (plan.after(step.number()).isEmpty()) {
      memory.forget(run);
      return StepResult.done(
          new Baked(step.weights(), verdict.figures().summary() + alarm + figures(checks)));
    }
    if (now.isBefore(nextAt)) {
      return StepResult.running(
          until(now, nextAt, interval),
          CutoverNotes.split(plan, step)
              + " · healthy: "
              + verdict.figures().summary()
              + alarm
              + figures(checks)
              + CutoverNotes.next(plan, step.number(), nextAt));
    }
    // The in-flight rule (inFlight: cutover: pause): no more traffic moves while a freeze holds
    // the run; it waits at these weights, still healthy, until the freeze ends.
    Optional<FreezeHold> hold = context.freezeHold();
    if (hold.isPresent()) {
      return StepResult.held(
          hold.get(), CutoverNotes.split(plan, step) + " · healthy; the next step waits");
    }
    PlannedStep next = plan.after(step.number()).orElseThrow();
    WeightedPair live = route53.readPair(target.ref());
    String changeId =
        route53.applyWeights(live, next.weights(), CutoverNotes.comment(run, plan, next));
    memory.remember(
        run,
        MoveState.applied(
            next.number(), changeId, now, target.window(plan.before().ttl()), step.weights()));
    return StepResult.running(
        IN_SYNC_POLL,
        CutoverNotes.split(plan, next) + " · written, waiting for Route53 to apply it");
  }

  /**
   * After a restart, or on another replica: where the run is, from the live weights. The step's
   * bake starts again, from a fresh batch of the same weights (writing them again changes nothing)
   * whose INSYNC is then awaited; the weights to fall back to are those of the step before.
   */
  private MoveState recover(
      StepContext<CutoverParams> context, CutoverPlan plan, CutoverTarget target) {
    WeightedPair live = route53.readPair(target.ref());
    PlannedStep step =
        plan.stepWith(live.weights())
            .orElseThrow(
                () ->
                    StepException.permanent(
                        target.name()
                            + " now has "
                            + CutoverPlan.shares(live.weights())
                            + ", which is no step of this run: someone changed the weights"
                            + " outside Shipmate. Check them with `/cutover "
                            + target.name()
                            + " status`."));
    Applied first = context.output(ApplyWeightsStep.NAME, Applied.class);
    Duration window = target.window(plan.before().ttl());
    Weights fallback = plan.lastHealthyBefore(step.number());
    if (step.number() == 1) {
      return MoveState.applied(1, first.changeId(), first.at(), window, fallback);
    }
    String changeId =
        route53.applyWeights(
            live, step.weights(), CutoverNotes.comment(context.runId(), plan, step));
    MoveState state = MoveState.applied(step.number(), changeId, context.now(), window, fallback);
    memory.remember(context.runId(), state);
    return state;
  }

  /**
   * The step's checks ({@code health.alarm}, {@code analysis}), with a measurement of those due:
   * from the step's INSYNC until every check has all its measurements. Once the step has passed,
   * while it waits for {@code --every}, only the probe goes on.
   */
  private AnalysisRun checks(
      RunId run,
      CutoverPlan plan,
      PlannedStep step,
      MoveState state,
      CutoverTarget target,
      Instant now) {
    AnalysisRun checks =
        memory
            .checks(run, step.number())
            .orElseGet(
                () ->
                    AnalysisRun.start(target.analysis(), Map.of(), state.inSyncAt().orElseThrow()));
    if (state.healthy() || checks.isEmpty()) {
      return checks;
    }
    try {
      checks = checks.measure(now, measurer, targets.prometheus());
    } catch (CheckUnusableException e) {
      throw StepException.permanent(
          e.getMessage()
              + ". Traffic goes back to "
              + CutoverPlan.shares(state.lastHealthy())
              + ", the last healthy split");
    }
    memory.remember(run, new CutoverMemory.StepChecks(step.number(), checks));
    return checks;
  }

  /**
   * {@code health.alarm} now: part of the health gate, read with every probe for as long as the
   * step's traffic is on green (its bake and the wait for {@code --every}). Only ALARM fails it:
   * INSUFFICIENT_DATA (or a CloudWatch not answering) is not ALARM.
   */
  private Measurement alarm(String alarm, CutoverPlan plan, PlannedStep step, MoveState state) {
    try {
      return measurer.alarm(alarm, Optional.empty());
    } catch (CheckUnusableException e) {
      throw StepException.permanent(
          "health.alarm at "
              + CutoverNotes.split(plan, step)
              + ": "
              + e.getMessage()
              + ". Traffic goes back to "
              + CutoverPlan.shares(state.lastHealthy())
              + ", the last healthy split");
    }
  }

  /** {@code alarm green-5xx OK}, {@code alarm green-5xx: no data (…), not ALARM}. */
  private static String alarmWords(String alarm, Measurement read) {
    return read instanceof Measurement.AlarmState state
        ? "alarm " + alarm + " " + state.state()
        : "alarm " + alarm + ": " + ((Measurement.Inconclusive) read).reason() + ", not ALARM";
  }

  /** {@code · error-ratio 0.001 ≤ 0.01 · 3/7 passed}, or nothing without checks. */
  private static String figures(AnalysisRun checks) {
    return checks.isEmpty() ? "" : " · " + checks.summary();
  }

  private static String gateFailed(
      CutoverPlan plan, PlannedStep step, MoveState state, HealthVerdict.Unhealthy unhealthy) {
    return "green failed its health gate at "
        + CutoverNotes.split(plan, step)
        + ": "
        + unhealthy.reason()
        + " ("
        + unhealthy.figures().summary()
        + "). Traffic goes back to "
        + CutoverPlan.shares(state.lastHealthy())
        + ", the last healthy split";
  }

  private static Duration every(StepContext<CutoverParams> context) {
    return context.params().every().orElse(Duration.ZERO);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The next check: one probe interval away, or sooner if the deadline comes first. */
  private static Duration until(Instant now, Instant deadline, Duration interval) {
    Duration left = Duration.between(now, deadline);
    return left.isNegative() || left.compareTo(interval) >= 0 ? interval : left;
  }
}
