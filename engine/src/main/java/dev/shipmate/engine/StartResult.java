package dev.shipmate.engine;

import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.Run;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What {@link Engine#start(StartRequest)} did. */
public sealed interface StartResult {
  /** The run exists and holds its lock; it is PENDING, or AWAITING_APPROVAL. */
  record Started(Run run) implements StartResult {}

  /** Nothing started: another active run holds a key this one needs free. */
  record Refused(LockHolder holder) implements StartResult {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What to tell the person who asked. */
    public String userMessage() {
      return holder.key()
          + " is busy: run "
          + holder.runId()
          + ", started by "
          + holder.holder()
          + " at "
          + TIME.format(holder.since())
          + ", still holds it. Wait for it to finish, or cancel it with /cancel "
          + holder.runId()
          + ".";
    }
  }
}
