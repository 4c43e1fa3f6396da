package dev.shipmate.engine.pipeline;

import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import java.time.Instant;
import java.util.Optional;

/** What a step may know about its run. Time comes from here, never from the system clock. */
public interface StepContext<P> {
  RunId runId();

  P params();

  String requester();

  LockKey target();

  /** Now, from the engine's clock. */
  Instant now();

  /** When this step first started; its timeout counts from here, across checks and retries. */
  Instant stepStartedAt();

  /** 1 on the first execution of this step, then 2, 3… across checks and retries. */
  int attempt();

  /**
   * The output a completed step stored under {@code step}.
   *
   * @throws StepException (permanent) if that step has stored no output
   */
  <O> O output(String step, Class<O> type);

  <O> Optional<O> findOutput(String step, Class<O> type);

  /**
   * A person's answer to the question this step last asked ({@link StepResult#ask}): present on the
   * first check after the answer, then gone. The step acts on it in that check; should Shipmate
   * stop before the check's result is stored, the next check sees the same answer again, so acting
   * on it must be safe to repeat.
   */
  Optional<Decision> decision();

  /**
   * The freezes that hold the run now, if any: present when a freeze in force stops what the run
   * changes ({@link Pipeline#change}), the configured in-flight rule for that kind is to pause
   * ({@code inFlight:}), and nobody let the run through it (break-glass, or Resume during the
   * freeze). A step with units of work (an upgrade's nodes) asks before starting the next one and
   * answers {@link StepResult#held} with it. Always empty for undo and on-failure steps.
   */
  Optional<FreezeHold> freezeHold();

  /** For undo and on-failure steps: why the run is being undone. Empty for forward steps. */
  Optional<Failure> cause();
}
