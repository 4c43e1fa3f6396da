package dev.shipmate.engine.advance;

import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.StepRun;
import dev.shipmate.engine.run.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of each phase of one run. Compensation is derived, not stored: the undos of the forward
 * steps that succeeded, newest first. Those step runs no longer change once compensation begins, so
 * the list is the same every time it is derived.
 */
final class Plan<P extends Record> {
  private final Pipeline<P> pipeline;
  private final List<StepRun> stepRuns;

  Pipeline<P> pipeline() {
    return pipeline;
  }

  Plan(Pipeline<P> pipeline, List<StepRun> stepRuns) {
    this.pipeline = pipeline;
    this.stepRuns = stepRuns;
  }

  List<Step<P>> steps(Phase phase) {
    return switch (phase) {
      case FORWARD -> pipeline.steps();
      case COMPENSATING -> undos();
      case ON_FAILURE -> pipeline.onFailure();
    };
  }

  Optional<String> stepName(Phase phase, int index) {
    List<Step<P>> steps = steps(phase);
    return index < steps.size() ? Optional.of(steps.get(index).name()) : Optional.empty();
  }

  Optional<StepRun> stepRun(Phase phase, int index) {
    return stepRuns.stream().filter(s -> s.phase() == phase && s.index() == index).findFirst();
  }

  /** The undo steps that succeeded, in the order they ran. */
  List<String> undone() {
    return stepRuns.stream()
        .filter(s -> s.phase() == Phase.COMPENSATING && s.status() == StepStatus.SUCCEEDED)
        .map(StepRun::step)
        .toList();
  }

  List<StepRun> failedOnFailureSteps() {
    return stepRuns.stream()
        .filter(s -> s.phase() == Phase.ON_FAILURE && s.status() == StepStatus.FAILED)
        .toList();
  }

  private List<Step<P>> undos() {
    List<Step<P>> forward = pipeline.steps();
    List<Step<P>> undos = new ArrayList<>();
    for (int i = forward.size() - 1; i >= 0; i--) {
      Optional<StepRun> ran = stepRun(Phase.FORWARD, i);
      Optional<Step<P>> undo = forward.get(i).undo();
      if (undo.isPresent() && ran.isPresent() && ran.get().status() == StepStatus.SUCCEEDED) {
        undos.add(undo.get());
      }
    }
    return undos;
  }
}
