package dev.shipmate.engine;

import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;

/**
 * What {@link Engine#pause} or {@link Engine#resume} did. Only {@link Paused} and {@link Resumed}
 * changed anything.
 */
public sealed interface PauseResult {
  String userMessage();

  /** The run stays at its current step until someone resumes or cancels it. */
  record Paused(Run run, String by) implements PauseResult {
    @Override
    public String userMessage() {
      return "Paused "
          + run.id()
          + run.currentStep().map(step -> " at " + step).orElse("")
          + "; Resume on its card, or /cancel "
          + run.id()
          + ", lets it go on or stops it.";
    }
  }

  /** The run goes on from where it was paused. */
  record Resumed(Run run, String by) implements PauseResult {
    @Override
    public String userMessage() {
      return "Resumed " + run.id() + ".";
    }
  }

  /** Its pipeline is not one that may stop half-way. */
  record NotPausable(Run run) implements PauseResult {
    @Override
    public String userMessage() {
      return run.id()
          + " is a "
          + run.pipeline()
          + " run, which cannot be paused; /cancel "
          + run.id()
          + " stops it and undoes what it changed.";
    }
  }

  /** Only a run that is running its steps forward can be paused (not one waiting or undoing). */
  record NotRunning(Run run) implements PauseResult {
    @Override
    public String userMessage() {
      String now;
      if (run.cancelRequest().isPresent()) {
        now = "is being cancelled";
      } else if (run.isRollingBack()) {
        now = "is rolling back, which must finish";
      } else {
        now = "is " + run.status().words() + ", not running";
      }
      return run.id() + " " + now + "; only a running run can be paused.";
    }
  }

  record AlreadyPaused(Run run) implements PauseResult {
    @Override
    public String userMessage() {
      return run.id()
          + " is already paused (by "
          + run.pause().map(p -> p.by()).orElse("someone")
          + "); Resume on its card lets it go on.";
    }
  }

  /** Paused by its step, which asked a question: an answer, not a plain resume, lets it go on. */
  record AwaitsAnswer(Run run, Question question) implements PauseResult {
    @Override
    public String userMessage() {
      return run.id()
          + " is waiting for an answer: "
          + question.text()
          + " Choose "
          + question.choiceLabels()
          + " on its card, or /cancel "
          + run.id()
          + ".";
    }
  }

  record NotPaused(Run run) implements PauseResult {
    @Override
    public String userMessage() {
      return run.id() + " is not paused; there is nothing to resume.";
    }
  }

  record AlreadyFinished(Run run) implements PauseResult {
    @Override
    public String userMessage() {
      return run.id()
          + " has already "
          + run.status().words()
          + "; it cannot be paused or resumed.";
    }
  }

  record NotFound(RunId runId) implements PauseResult {
    @Override
    public String userMessage() {
      return "There is no run " + runId + ". /runs lists the active ones.";
    }
  }
}
