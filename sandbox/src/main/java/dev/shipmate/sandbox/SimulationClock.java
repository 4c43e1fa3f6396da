package dev.shipmate.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: the simulated world's time in tests. It never goes back, so
 * "pods Ready after 5 s" is five simulated seconds, however long the test's machine takes.
 */
public final class SimulationClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private SimulationClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  public static SimulationClock startingAt(Instant start) {
    return new SimulationClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same time, seen in another zone; moving either moves both. */
  @Override
  public Clock withZone(ZoneId otherZone) {
    return new SimulationClock(now, otherZone);
  }

  /**
   * @throws IllegalArgumentException for a negative duration
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; got " + duration);
    }
    now.updateAndGet(current -> current.plus(duration));
  }

  /** Moves to an instant; an instant in the past leaves the clock where it is. */
  public void moveTo(Instant instant) {
    now.updateAndGet(current -> instant.isAfter(current) ? instant : current);
  }
}
