package dev.shipmate.engine;

import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;

/** What {@link Engine#decide} did. Only {@link Decided} changed anything. */
public sealed interface DecideResult {
  String userMessage();

  /** The answer is recorded and the run goes on; its step acts on the answer at once. */
  record Decided(Run run, String by, Question.Choice choice) implements DecideResult {
    @Override
    public String userMessage() {
      return run.id() + ": " + choice.label() + " — " + run.id() + " goes on.";
    }
  }

  /** The run is not waiting for an answer: nobody asked, or someone answered first. */
  record NotAsking(Run run) implements DecideResult {
    @Override
    public String userMessage() {
      return run.id()
          + " is not waiting for an answer (any more)"
          + (run.isPaused() ? "; it is paused, and Resume on its card lets it go on." : ".");
    }
  }

  /** The choice is not one the question offers (a button from an older question). */
  record NotAChoice(Run run, Question question, String choice) implements DecideResult {
    @Override
    public String userMessage() {
      return "'"
          + choice
          + "' is not an answer to what "
          + run.id()
          + " asks now; choose "
          + question.choiceLabels()
          + " on its card.";
    }
  }

  record AlreadyFinished(Run run) implements DecideResult {
    @Override
    public String userMessage() {
      return run.id() + " has already " + run.status().words() + "; there is nothing to decide.";
    }
  }

  record NotFound(RunId runId) implements DecideResult {
    @Override
    public String userMessage() {
      return "There is no run " + runId + ". /runs lists the active ones.";
    }
  }
}
