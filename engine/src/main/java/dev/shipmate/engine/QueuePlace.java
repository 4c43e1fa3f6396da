package dev.shipmate.engine;

import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.Run;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a queued run stands in its target's queue.
 *
 * @param run the queued run, as stored
 * @param position 1 for the next in line
 * @param ahead the runs queued before it, next first
 * @param holder the run that holds its target (or a key it must not run beside) now, if one does
 * @param frozen the freezes in force that stop it now: it waits for them to end, whatever its place
 */
public record QueuePlace(
    Run run,
    int position,
    List<Run> ahead,
    Optional<LockHolder> holder,
    List<ActiveFreeze> frozen) {

  public QueuePlace {
    Objects.requireNonNull(run, "run");
    if (position < 1) {
      throw new IllegalArgumentException("a place in a queue is 1 or more, not " + position);
    }
    ahead = List.copyOf(ahead);
    Objects.requireNonNull(holder, "holder");
    frozen = List.copyOf(frozen);
  }
}
