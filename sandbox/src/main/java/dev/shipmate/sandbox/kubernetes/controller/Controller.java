package dev.shipmate.sandbox.kubernetes.controller;

import java.time.Instant;

/**
 * One control loop of the simulated cluster. Level-based, as the real ones are: it reads the whole
 * state, acts, and names the time at which waiting alone would give it more to do.
 */
public interface Controller {

  void reconcile(Instant now, Wakeups wakeups);
}
