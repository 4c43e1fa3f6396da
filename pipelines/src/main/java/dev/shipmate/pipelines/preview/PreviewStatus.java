package dev.shipmate.pipelines.preview;

import java.util.Locale;

/** How a listed preview stands. */
public enum PreviewStatus {
  /** Every Deployment is rolled out and available. */
  READY,
  /** Some Deployment is still rolling out (or paused). */
  STARTING,
  /** A rollout failed (its progress deadline passed). */
  FAILED,
  /** Its namespace is being deleted. */
  TERMINATING;

  /** The word for a list: {@code ready}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static PreviewStatus of(Readiness readiness) {
    if (readiness instanceof Readiness.Ready) {
      return READY;
    }
    return readiness instanceof Readiness.Failed ? FAILED : STARTING;
  }
}
