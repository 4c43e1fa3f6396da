package dev.shipmate.bot.presenter;

/** Where a run stands, in the words a channel reads. */
public enum RunState {
  QUEUED("queued", false),
  PENDING("pending", false),
  AWAITING_APPROVAL("awaiting approval", false),
  RUNNING("running", false),
  SUCCEEDED("succeeded", true),
  FAILED("failed", true),
  ROLLED_BACK("rolled back", true),
  CANCELLED("cancelled", true);

  private final String words;
  private final boolean terminal;

  RunState(String words, boolean terminal) {
    this.words = words;
    this.terminal = terminal;
  }

  /** {@code running}, {@code rolled back}, … */
  public String words() {
    return words;
  }

  /** Whether nothing more will happen to the run. */
  public boolean terminal() {
    return terminal;
  }
}
