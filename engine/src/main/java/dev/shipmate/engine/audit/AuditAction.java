package dev.shipmate.engine.audit;

/** What the ledger records. */
public enum AuditAction {
  /** A slash command as typed, recorded by the caller (the bot) whether or not it started a run. */
  COMMAND,
  RUN_REQUESTED,
  /** A run was refused because its target, or a key it must not run beside, was locked. */
  RUN_REFUSED,
  APPROVED,
  APPROVAL_REFUSED,
  CANCEL_REQUESTED,
  /** Someone paused a run; it is not advanced until resumed. */
  PAUSED,
  RESUMED,
  /** Someone answered the question a run's step asked; the run goes on. */
  DECIDED,
  RUN_FINISHED,
  /**
   * An authentic request Shipmate did not act on, and why: a GitHub delivery for a commit that is
   * no longer its pull request's head.
   */
  IGNORED,
  /** Someone froze a target from chat ({@code /freeze prod 2h "release party"}). */
  FREEZE_SET,
  /** Someone lifted a target's freezes ({@code /unfreeze prod}). */
  FREEZE_LIFTED,
  /** A run was asked for through a freeze, with {@code --break-glass} and its reason. */
  BREAK_GLASS,
  /** Someone else approved a break-glass run: the second pair of eyes. */
  BREAK_GLASS_APPROVED,
  /** A run was asked for on a busy or frozen target with {@code --queue}: it waits its turn. */
  QUEUED,
  /** A queued run's turn came: it left the queue and starts (or waits for its approvals). */
  QUEUE_STARTED,
  /** A queued run was taken out of the queue before its turn ({@code /cancel}). */
  QUEUE_REMOVED,
  /**
   * A run already going paused because a freeze came into force and its kind's in-flight rule is to
   * pause; it goes on by itself when the freeze ends (then {@code RESUMED} by the engine).
   */
  HELD_BY_FREEZE,
  /** Someone resumed a run a freeze held: it goes through the freezes in force then. */
  RESUMED_THROUGH_FREEZE,
  /** The watchdog found a run's step without progress for too long and said so in its thread. */
  RUN_STUCK
}
