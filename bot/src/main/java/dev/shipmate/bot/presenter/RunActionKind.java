package dev.shipmate.bot.presenter;

/**
 * What a person can do to a run from its card. The {@link #id()} is stable: buttons carry it and
 * the listeners that handle the clicks are registered under it, so it never changes with a label.
 */
public enum RunActionKind {
  APPROVE("approve", "Approve", Tone.PROCEED),
  CANCEL("cancel", "Cancel", Tone.STOP),
  ROLL_BACK("rollback", "Roll back", Tone.STOP),
  PAUSE("pause", "Pause", Tone.NEUTRAL),
  RESUME("resume", "Resume", Tone.PROCEED),
  ABORT("abort", "Abort", Tone.STOP),
  EXTEND("extend", "Extend", Tone.NEUTRAL),
  /** An answer to the question a run's step asks; each button names its choice. */
  CHOOSE("choose", "Choose", Tone.NEUTRAL);

  /** How a renderer should colour the action: going ahead, stopping or undoing, or neither. */
  public enum Tone {
    PROCEED,
    STOP,
    NEUTRAL
  }

  private final String id;
  private final String label;
  private final Tone tone;

  RunActionKind(String id, String label, Tone tone) {
    this.id = id;
    this.label = label;
    this.tone = tone;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public Tone tone() {
    return tone;
  }
}
