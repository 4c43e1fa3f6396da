package dev.shipmate.bot.slice;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.dispatch.Guards;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered slices and what they declared of their runs, found by a run's stored pipeline
 * type: the one place where a run's type leads to the code that knows it. A run of a pipeline no
 * slice declares (stored by another build) has no guard, is stopped by Cancel and offers nothing
 * once finished.
 */
public final class Slices implements Guards {

  private final List<PipelineSlice> slices;
  private final Map<String, RunKind<?>> kinds;

  private Slices(List<PipelineSlice> slices, Map<String, RunKind<?>> kinds) {
    this.slices = List.copyOf(slices);
    this.kinds = Map.copyOf(kinds);
  }

  public static Slices of(List<PipelineSlice> slices, ShipmateConfig config) {
    Map<String, RunKind<?>> kinds = new LinkedHashMap<>();
    for (PipelineSlice slice : slices) {
      for (RunKind<?> kind : slice.runKinds(config)) {
        if (kinds.putIfAbsent(kind.type(), kind) != null) {
          throw new IllegalArgumentException(
              "two slices declare the runs of '" + kind.type() + "'");
        }
      }
    }
    return new Slices(slices, kinds);
  }

  public List<PipelineSlice> all() {
    return slices;
  }

  public Optional<RunKind<?>> kind(Run run) {
    return Optional.ofNullable(kinds.get(run.pipeline()));
  }

  @Override
  public Optional<Guard> of(Run run) {
    return kind(run).flatMap(kind -> kind.guard(run));
  }

  public StopAction stop(Run run) {
    return kind(run).map(RunKind::stop).orElse(StopAction.CANCEL);
  }

  public List<RunActionKind> whenFinished(Run run) {
    return kind(run).map(kind -> kind.whenFinished(run)).orElse(List.of());
  }

  /** {@code deploy v1.2} where the target is already said; the run's summary otherwise. */
  public String label(Run run) {
    return kind(run).map(kind -> kind.label(run)).orElse(run.summary());
  }

  /** Every target whose runs a person's App Home looks through. */
  public Set<LockKey> listedTargets() {
    Set<LockKey> targets = new LinkedHashSet<>();
    kinds.values().forEach(kind -> targets.addAll(kind.targets()));
    return targets;
  }
}
