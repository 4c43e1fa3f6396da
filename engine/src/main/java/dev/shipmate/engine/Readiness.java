package dev.shipmate.engine;

/** Whether the engine can take and advance runs now: its database answers and its wake-ups fire. */
public sealed interface Readiness {

  Ready READY = new Ready();

  record Ready() implements Readiness {}

  /** Why not, in words an operator acts on. */
  record NotReady(String reason) implements Readiness {}
}
