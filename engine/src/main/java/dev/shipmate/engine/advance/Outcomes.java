package dev.shipmate.engine.advance;

import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepRun;
import java.util.List;
import java.util.Optional;

/**
 * The last word on a run, for its user: the outcome, the run, the step and the cause, and what was
 * undone, in plain sentences.
 */
final class Outcomes {
  private Outcomes() {}

  /** How a run that failed or was cancelled ends, once its undos are over. */
  static RunStatus afterUndo(Run run, List<String> undone) {
    if (run.failure().map(f -> f.kind() == FailureKind.CANCELLED).orElse(false)) {
      return RunStatus.CANCELLED;
    }
    // ROLLED_BACK promises the world is as it was; without an undo that ran, that is not known.
    if (run.state().undoFailure().isPresent() || undone.isEmpty()) {
      return RunStatus.FAILED;
    }
    return RunStatus.ROLLED_BACK;
  }

  static String message(
      Run run, RunStatus outcome, List<String> undone, List<StepRun> failedOnFailure) {
    String id = run.id().value();
    if (outcome == RunStatus.SUCCEEDED) {
      return id + " succeeded: " + run.summary() + ".";
    }
    Optional<Failure> cause = run.failure();
    String during = cause.flatMap(Failure::step).map(step -> " during " + step).orElse("");
    String at = cause.flatMap(Failure::step).map(step -> " at " + step).orElse("");
    StringBuilder text = new StringBuilder();
    if (outcome == RunStatus.CANCELLED) {
      text.append(id).append(" was ").append(cause.map(Failure::message).orElse("cancelled"));
      text.append(during).append('.');
    } else {
      text.append(id).append(" failed").append(at);
      cause.ifPresent(f -> text.append(": ").append(f.message()));
      text.append('.');
    }
    text.append(undoSentence(run, undone));
    for (StepRun failed : failedOnFailure) {
      text.append(" Then ").append(failed.step()).append(" failed too");
      failed.failure().ifPresent(f -> text.append(": ").append(f.message()));
      text.append('.');
    }
    return text.toString();
  }

  private static String undoSentence(Run run, List<String> undone) {
    String list = String.join(", ", undone);
    Optional<Failure> undoFailure = run.state().undoFailure();
    if (undoFailure.isPresent()) {
      Failure f = undoFailure.get();
      return (undone.isEmpty() ? " Undoing" : " Ran " + list + "; then undoing")
          + " failed"
          + f.step().map(step -> " at " + step).orElse("")
          + ": "
          + f.message()
          + "; check "
          + run.target()
          + " by hand.";
    }
    if (!undone.isEmpty()) {
      return " Rolled back by " + list + ".";
    }
    return run.state().startedAt().isPresent() ? " Nothing needed undoing." : "";
  }
}
