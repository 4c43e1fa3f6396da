package dev.shipmate.engine.run;

public enum StepStatus {
  RUNNING(false, false),
  SUCCEEDED(true, true),
  SKIPPED(true, true),
  FAILED(true, false),
  CANCELLED(true, false);

  private final boolean terminal;
  private final boolean successful;

  StepStatus(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  public boolean isTerminal() {
    return terminal;
  }

  public boolean isSuccessful() {
    return successful;
  }
}
