package dev.shipmate.engine.run;

/**
 * (QUEUED →) PENDING → AWAITING_APPROVAL → RUNNING → SUCCEEDED | FAILED | CANCELLED | ROLLED_BACK.
 */
public enum RunStatus {
  /**
   * Waiting its turn: its target was busy (or frozen) when it was asked for with {@code --queue}.
   * It holds no lock; it becomes PENDING, or AWAITING_APPROVAL, when its turn comes.
   */
  QUEUED(false, false, "queued"),
  PENDING(false, false, "pending"),
  AWAITING_APPROVAL(false, false, "awaiting approval"),
  RUNNING(false, false, "running"),
  SUCCEEDED(true, true, "succeeded"),
  /** It failed, and either nothing needed undoing or an undo failed too: the message says which. */
  FAILED(true, false, "failed"),
  CANCELLED(true, false, "cancelled"),
  /** It failed and every change it had made was undone. */
  ROLLED_BACK(true, false, "rolled back");

  private final boolean terminal;
  private final boolean successful;
  private final String words;

  RunStatus(boolean terminal, boolean successful, String words) {
    this.terminal = terminal;
    this.successful = successful;
    this.words = words;
  }

  public boolean isTerminal() {
    return terminal;
  }

  public boolean isSuccessful() {
    return successful;
  }

  /** The outcome in words, as the last message of a run names it ("rolled back"). */
  public String words() {
    return words;
  }
}
