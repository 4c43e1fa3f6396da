package dev.shipmate.bot.drift;

/** The {@code action_id}s and {@code block_id}s of a drift report's buttons and reason box. */
public final class DriftActions {
  public static final String SNOOZE = "drift.snooze";
  public static final String IGNORE = "drift.ignore";
  public static final String REASON_BLOCK = "drift.reason";
  public static final String REASON_INPUT = "drift.reason.input";

  private DriftActions() {}
}
