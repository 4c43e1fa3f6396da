package dev.shipmate.engine.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A {@link Step} assembled from functions, for steps too small to deserve a class. Immutable. */
public final class DefinedStep<P> implements Step<P> {
  /** What the step does. */
  @FunctionalInterface
  public interface Action<P> {
    StepResult execute(StepContext<P> context) throws Exception;
  }

  /** What the step does when cancelled under way. */
  @FunctionalInterface
  public interface CancelHook<P> {
    void onCancel(StepContext<P> context) throws Exception;
  }

  private final String name;
  private final Action<P> action;
  private final Optional<Step<P>> undo;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final boolean reentrant;
  private final CancelHook<P> cancelHook;

  private DefinedStep(
      String name,
      Action<P> action,
      Optional<Step<P>> undo,
      Duration timeout,
      RetryPolicy retry,
      boolean reentrant,
      CancelHook<P> cancelHook) {
    this.name = Objects.requireNonNull(name, "name");
    this.action = Objects.requireNonNull(action, "action");
    this.undo = undo;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.reentrant = reentrant;
    this.cancelHook = Objects.requireNonNull(cancelHook, "cancelHook");
  }

  static <P> DefinedStep<P> of(String name, Action<P> action) {
    return new DefinedStep<>(
        name, action, Optional.empty(), DEFAULT_TIMEOUT, RetryPolicy.DEFAULT, true, c -> {});
  }

  public DefinedStep<P> withUndo(Step<P> undoStep) {
    return new DefinedStep<>(
        name, action, Optional.of(undoStep), timeout, retry, reentrant, cancelHook);
  }

  public DefinedStep<P> withTimeout(Duration newTimeout) {
    return new DefinedStep<>(name, action, undo, newTimeout, retry, reentrant, cancelHook);
  }

  public DefinedStep<P> withRetry(RetryPolicy newRetry) {
    return new DefinedStep<>(name, action, undo, timeout, newRetry, reentrant, cancelHook);
  }

  public DefinedStep<P> notReentrant() {
    return new DefinedStep<>(name, action, undo, timeout, retry, false, cancelHook);
  }

  public DefinedStep<P> withCancelHook(CancelHook<P> hook) {
    return new DefinedStep<>(name, action, undo, timeout, retry, reentrant, hook);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StepResult execute(StepContext<P> context) throws Exception {
    return action.execute(context);
  }

  @Override
  public Optional<Step<P>> undo() {
    return undo;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public RetryPolicy retry() {
    return retry;
  }

  @Override
  public boolean reentrant() {
    return reentrant;
  }

  @Override
  public void onCancel(StepContext<P> context) throws Exception {
    cancelHook.onCancel(context);
  }

  @Override
  public String toString() {
    return "step " + name;
  }
}
