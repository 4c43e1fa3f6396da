package dev.shipmate.bot.presenter;

import dev.shipmate.engine.run.Question;
import java.util.Objects;
import java.util.Optional;

/**
 * An action valid in the run's current state.
 *
 * @param confirm whether to ask "are you sure?" first: production-changing actions on an
 *     environment marked {@code confirm: true}, and answers that override a safeguard
 * @param choice for {@link RunActionKind#CHOOSE}: the answer to the question the run asks
 */
public record RunAction(RunActionKind kind, boolean confirm, Optional<Question.Choice> choice) {

  public RunAction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(choice, "choice");
    if ((kind == RunActionKind.CHOOSE) != choice.isPresent()) {
      throw new IllegalArgumentException("a choice is a CHOOSE action, and only that has one");
    }
  }

  public RunAction(RunActionKind kind, boolean confirm) {
    this(kind, confirm, Optional.empty());
  }

  public static RunAction of(RunActionKind kind) {
    return new RunAction(kind, false);
  }

  public static RunAction confirmed(RunActionKind kind) {
    return new RunAction(kind, true);
  }

  /** One answer to the run's question; one that overrides a safeguard is confirmed first. */
  public static RunAction choose(Question.Choice choice) {
    return new RunAction(RunActionKind.CHOOSE, choice.destructive(), Optional.of(choice));
  }

  /** What the button says. */
  public String label() {
    return choice.map(Question.Choice::label).orElse(kind.label());
  }
}
