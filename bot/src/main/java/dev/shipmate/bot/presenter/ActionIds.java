package dev.shipmate.bot.presenter;

import java.util.Optional;

/**
 * The ids a button carries and its click is routed by: {@code run.approve}, {@code run.rollback},
 * and for the answers to a run's question {@code run.choose.<choice>}. The renderer puts them on
 * the buttons and the dispatcher finds the handler by them, so both read them here.
 */
public final class ActionIds {

  public static final String PREFIX = "run.";

  /**
   * The prefix of an answer's id: {@code run.choose.skip}. Slack wants the ids of a message's
   * buttons distinct, so each choice has its own, all under this prefix.
   */
  public static final String CHOICE_PREFIX = PREFIX + RunActionKind.CHOOSE.id() + ".";

  private ActionIds() {}

  /** {@code run.approve}, {@code run.rollback}, … */
  public static String of(RunActionKind kind) {
    return PREFIX + kind.id();
  }

  /** A button's id: its kind's, or for an answer {@code run.choose.<id>}. */
  public static String of(RunAction action) {
    return action
        .choice()
        .map(choice -> CHOICE_PREFIX + choice.id())
        .orElseGet(() -> of(action.kind()));
  }

  /** {@code run.choose.skip} → {@code skip}; empty for any other button. */
  public static Optional<String> choiceOf(String actionId) {
    return actionId != null && actionId.startsWith(CHOICE_PREFIX)
        ? Optional.of(actionId.substring(CHOICE_PREFIX.length()))
        : Optional.empty();
  }
}
