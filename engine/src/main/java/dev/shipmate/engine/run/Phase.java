package dev.shipmate.engine.run;

/**
 * Which list of steps a run is working through. A RUNNING run in {@link #COMPENSATING} is rolling
 * back; a presenter may say so.
 */
public enum Phase {
  /** The pipeline's steps, in order. */
  FORWARD,
  /** The undos of the steps that completed, newest first. */
  COMPENSATING,
  /** The pipeline's on-failure steps, after the undos, when the run failed (not when cancelled). */
  ON_FAILURE
}
