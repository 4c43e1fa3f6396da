package dev.shipmate.bot.slice;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the bot knows of one pipeline's runs, declared by the pipeline's slice: which configured
 * target guards them, what stops them, what a finished run's card offers, and which targets' runs a
 * person's App Home lists. The card, the permissions, {@code /runs} and App Home read this instead
 * of asking which pipeline a run belongs to.
 *
 * @param <P> the pipeline's parameters record
 * @param type the pipeline's stored type ({@code DeployPipeline.TYPE})
 */
public final class RunKind<P extends Record> {

  private final String type;
  private final Class<P> params;
  private final Function<P, Optional<Guard>> guard;
  private final StopAction stop;
  private final Function<Run, List<RunActionKind>> whenFinished;
  private final List<LockKey> targets;
  private final Function<P, String> label;

  private RunKind(
      String type,
      Class<P> params,
      Function<P, Optional<Guard>> guard,
      StopAction stop,
      Function<Run, List<RunActionKind>> whenFinished,
      List<LockKey> targets,
      Function<P, String> label) {
    this.type = Objects.requireNonNull(type, "type");
    this.params = Objects.requireNonNull(params, "params");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.stop = Objects.requireNonNull(stop, "stop");
    this.whenFinished = Objects.requireNonNull(whenFinished, "whenFinished");
    this.targets = List.copyOf(targets);
    this.label = label;
  }

  /**
   * The runs of the pipeline stored as {@code type} with {@code params}: no guard (only the
   * requester steers them), stopped by Cancel, nothing offered once finished.
   */
  public static <P extends Record> RunKind<P> of(String type, Class<P> params) {
    return new RunKind<>(
        type, params, p -> Optional.empty(), StopAction.CANCEL, run -> List.of(), List.of(), null);
  }

  /** The configured target whose rules apply to these runs, read from their parameters. */
  public RunKind<P> guardedBy(Function<P, Optional<Guard>> newGuard) {
    return new RunKind<>(type, params, newGuard, stop, whenFinished, targets, label);
  }

  public RunKind<P> stoppedBy(StopAction newStop) {
    return new RunKind<>(type, params, guard, newStop, whenFinished, targets, label);
  }

  /** The buttons a finished run's card offers (Roll back), given the run. */
  public RunKind<P> whenFinished(Function<Run, List<RunActionKind>> actions) {
    return new RunKind<>(type, params, guard, stop, actions, targets, label);
  }

  /** The targets whose runs a person's App Home looks through for theirs. */
  public RunKind<P> listedUnder(List<LockKey> newTargets) {
    return new RunKind<>(type, params, guard, stop, whenFinished, newTargets, label);
  }

  /**
   * How a run is named where its target is already said ({@code deploy v1.2} in the history of web
   * in prod); its summary otherwise.
   */
  public RunKind<P> labelled(Function<P, String> newLabel) {
    return new RunKind<>(type, params, guard, stop, whenFinished, targets, newLabel);
  }

  public String type() {
    return type;
  }

  public Optional<Guard> guard(Run run) {
    return params(run).flatMap(guard);
  }

  public StopAction stop() {
    return stop;
  }

  public List<RunActionKind> whenFinished(Run run) {
    return whenFinished.apply(run);
  }

  public List<LockKey> targets() {
    return targets;
  }

  public String label(Run run) {
    return label == null ? run.summary() : params(run).map(label).orElse(run.summary());
  }

  private Optional<P> params(Run run) {
    try {
      return Optional.of(run.params(params));
    } catch (RuntimeException unreadable) {
      // Stored by another build with other params: no rules known, so only its requester.
      return Optional.empty();
    }
  }
}
