package dev.shipmate.bot.slice;

import dev.shipmate.bot.presenter.RunActionKind;

/** What stopping a running run is called on its card and in its thread. */
public enum StopAction {
  /** The run is undone as if it never ran (a deploy, a preview). */
  CANCEL(RunActionKind.CANCEL),
  /**
   * The run stops and puts back what it can, which is not "as if it never ran": a cutover puts the
   * weights back, an upgrade leaves replaced nodes replaced.
   */
  ABORT(RunActionKind.ABORT);

  private final RunActionKind button;

  StopAction(RunActionKind button) {
    this.button = button;
  }

  public RunActionKind button() {
    return button;
  }
}
