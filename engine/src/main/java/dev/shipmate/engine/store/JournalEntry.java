package dev.shipmate.engine.store;

import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import java.time.Instant;
import java.util.Optional;

/** One committed event of a run, as the journal keeps it. */
public record JournalEntry(
    RunId runId, Instant at, String type, Optional<String> step, String message) {

  public static JournalEntry of(RunEvent event) {
    return new JournalEntry(
        event.run().id(), event.at(), event.type(), event.step(), event.describe());
  }
}
