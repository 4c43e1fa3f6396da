package dev.shipmate.bot.presenter;

/** Where one step of a run stands. */
public enum StepStatus {
  DONE("done"),
  RUNNING("running"),
  /** Checking again later: a rollout still going, a bake period, a DNS change still pending. */
  WAITING("waiting"),
  FAILED("failed"),
  SKIPPED("skipped"),
  PENDING("pending"),
  /** Done, then reversed by a rollback. */
  UNDONE("undone");

  private final String words;

  StepStatus(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }

  /** Whether the run is at this step now (or stopped on it). */
  public boolean current() {
    return this == RUNNING || this == WAITING || this == FAILED;
  }
}
