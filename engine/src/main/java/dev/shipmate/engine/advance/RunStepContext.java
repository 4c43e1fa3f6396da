package dev.shipmate.engine.advance;

import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.StepRun;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** A step's view of its run at one attempt. */
final class RunStepContext<P> implements StepContext<P> {
  private final Run run;
  private final P params;
  private final StepRun stepRun;
  private final Clock clock;
  private final Supplier<Optional<FreezeHold>> hold;

  /** A context in which no freeze holds the run (cancel hooks). */
  RunStepContext(Run run, P params, StepRun stepRun, Clock clock) {
    this(run, params, stepRun, clock, Optional::empty);
  }

  RunStepContext(
      Run run, P params, StepRun stepRun, Clock clock, Supplier<Optional<FreezeHold>> hold) {
    this.run = run;
    this.params = params;
    this.stepRun = stepRun;
    this.clock = clock;
    this.hold = hold;
  }

  @Override
  public Optional<FreezeHold> freezeHold() {
    return stepRun.phase() == Phase.FORWARD ? hold.get() : Optional.empty();
  }

  @Override
  public RunId runId() {
    return run.id();
  }

  @Override
  public P params() {
    return params;
  }

  @Override
  public String requester() {
    return run.requester();
  }

  @Override
  public LockKey target() {
    return run.target();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Instant stepStartedAt() {
    return stepRun.startedAt();
  }

  @Override
  public int attempt() {
    return Math.max(1, stepRun.attempts());
  }

  @Override
  public <O> O output(String step, Class<O> type) {
    return findOutput(step, type)
        .orElseThrow(
            () ->
                StepException.permanent(
                    stepRun.step() + " needs the output of " + step + ", which has none"));
  }

  @Override
  public <O> Optional<O> findOutput(String step, Class<O> type) {
    return run.output(step, type);
  }

  @Override
  public Optional<Decision> decision() {
    return stepRun.phase() == Phase.FORWARD ? run.decision() : Optional.empty();
  }

  @Override
  public Optional<Failure> cause() {
    return stepRun.phase() == Phase.FORWARD ? Optional.empty() : run.failure();
  }
}
