package dev.shipmate.engine;

import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.Run;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/** What {@link Engine#start(StartRequest)} did. */
public sealed interface StartResult {
  /** The run exists and holds its lock; it is PENDING, or AWAITING_APPROVAL. */
  record Started(Run run) implements StartResult {}

  /**
   * The run exists, QUEUED: its target was busy or frozen and the request asked to wait ({@link
   * StartRequest#queue}). It starts by itself when its turn comes; {@code place} is where it stands
   * now.
   */
  record Queued(Run run, QueuePlace place) implements StartResult {}

  /**
   * Nothing started: the pipeline does not take these parameters ({@link
   * dev.shipmate.engine.pipeline.Pipeline#problems}); each problem is worded for the person who
   * asked, with what to do instead.
   */
  record Invalid(List<String> problems) implements StartResult {
    public Invalid {
      Objects.requireNonNull(problems, "problems");
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid request needs a reason");
      }
      problems = List.copyOf(problems);
    }
  }

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

  /**
   * Nothing started: freezes in force stop this change, and the request did not ask to break the
   * glass. The one ending last comes first.
   */
  record Frozen(List<ActiveFreeze> freezes) implements StartResult {
    public Frozen {
      Objects.requireNonNull(freezes, "freezes");
      if (freezes.isEmpty()) {
        throw new IllegalArgumentException("a frozen request needs a freeze");
      }
      freezes = List.copyOf(freezes);
    }
  }
}
