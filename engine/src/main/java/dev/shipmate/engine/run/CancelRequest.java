package dev.shipmate.engine.run;

import java.time.Instant;

/** Someone asked to cancel the run; the engine acts on it at the run's next transition. */
public record CancelRequest(String by, Instant at) {}
