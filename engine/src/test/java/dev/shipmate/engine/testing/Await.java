package dev.shipmate.engine.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, in tests on real time, for something that will happen: the limit is a guard against a
 * hang, never a measure of speed, so it is generous.
 */
public final class Await {
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, condition, PATIENCE);
  }

  /**
   * Waits up to {@code limit}: for what the test promises happens within it (an airplane-mode
   * example within its 2 minutes), where {@link #PATIENCE} would be a different promise.
   */
  public static void until(String what, BooleanSupplier condition, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting, after " + limit + ", for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
