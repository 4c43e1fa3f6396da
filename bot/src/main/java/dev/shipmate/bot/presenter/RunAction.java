package dev.shipmate.bot.presenter;

import java.util.Objects;

/**
 * An action valid in the run's current state.
 *
 * @param confirm whether to ask "are you sure?" first: production-changing actions on an
 *     environment marked {@code confirm: true}
 */
public record RunAction(RunActionKind kind, boolean confirm) {

  public RunAction {
    Objects.requireNonNull(kind, "kind");
  }

  public static RunAction of(RunActionKind kind) {
    return new RunAction(kind, false);
  }

  public static RunAction confirmed(RunActionKind kind) {
    return new RunAction(kind, true);
  }
}
