package dev.shipmate.engine.wakeup;

import dev.shipmate.engine.run.RunId;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The engine's alarm clock: "advance run X at instant T". Implementations must never advance one
 * run on two threads at once, and must keep a wake-up across a restart if they promise durability.
 */
public interface WakeUps {
  /** Starts firing: each due wake-up calls {@code advance} with its run id. */
  void start(Consumer<RunId> advance);

  /**
   * Asks for {@code run} to be advanced at {@code at} (at once if {@code at} is past). One wake-up
   * per run is kept, the earliest: an early extra check is harmless, a lost one is not.
   */
  void wakeAt(RunId run, Instant at);

  /** Whether due wake-ups fire now: started, and not stopped. */
  boolean isFiring();

  /** Stops firing; waits for advances under way to finish. */
  void stop();
}
