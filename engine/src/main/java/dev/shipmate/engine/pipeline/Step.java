package dev.shipmate.engine.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * One thing a pipeline does, written to be re-entered: read the world, act if needed, answer. The
 * engine may call {@link #execute} again after a crash or a timeout, so a second call must not do
 * the work twice.
 *
 * @param <P> the pipeline's parameters
 */
public interface Step<P> {
  Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /** Stable: outputs are stored under it and stored runs name it. */
  String name();

  StepResult execute(StepContext<P> context) throws Exception;

  /**
   * How to undo this step once it has succeeded, if it changes the world. Undos run newest first
   * when the run fails or is cancelled; they are steps too and may answer "running".
   */
  default Optional<Step<P>> undo() {
    return Optional.empty();
  }

  /** How long the step may take, from its first execution, across checks and retries. */
  default Duration timeout() {
    return DEFAULT_TIMEOUT;
  }

  /**
   * How long the step usually takes between two signs of progress (a new progress note, or its
   * end): the watchdog flags a run whose step has shown none for {@code watchdogs.stuckFactor}
   * times this. Empty (the default): the watchdog uses {@code watchdogs.stuckAfter}.
   */
  default Optional<Duration> expected() {
    return Optional.empty();
  }

  default RetryPolicy retry() {
    return RetryPolicy.DEFAULT;
  }

  /**
   * False for a step that cannot tell, after a crash inside it, whether it already acted. Such a
   * step is not re-entered after a crash: the run fails, says why, and undoes what came before.
   */
  default boolean reentrant() {
    return true;
  }

  /**
   * Called when the run is cancelled, or the step times out, while this step is under way: stop
   * what it started if that can be stopped (pause a rollout). Best effort; undos follow.
   */
  default void onCancel(StepContext<P> context) throws Exception {}

  /** A step from a function; refine it with the {@code with…} methods of {@link DefinedStep}. */
  static <P> DefinedStep<P> define(String name, DefinedStep.Action<P> action) {
    return DefinedStep.of(name, action);
  }
}
