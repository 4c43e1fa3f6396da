package dev.shipmate.engine.run;

/** Why a step failed, which decides what the engine does next. */
public enum FailureKind {
  /** Worth another try after a backoff (a network blip, a 429, a conflict). */
  TRANSIENT,
  /** Retrying will not help (a bug, a missing permission, a rejected request). */
  PERMANENT,
  /** The request itself was wrong; the message says what to type or do instead. */
  USER,
  /** The step did not finish within its timeout, counted from its start. */
  TIMEOUT,
  /** Someone cancelled the run. */
  CANCELLED
}
