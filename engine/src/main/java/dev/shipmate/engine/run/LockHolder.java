package dev.shipmate.engine.run;

import java.time.Instant;

/** Who holds a lock: the run, the person who started it and since when. */
public record LockHolder(LockKey key, RunId runId, String holder, Instant since) {}
