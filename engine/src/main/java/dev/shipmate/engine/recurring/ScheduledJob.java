package dev.shipmate.engine.recurring;

import java.time.Instant;
import java.util.Optional;

/**
 * A recurring job as the scheduler holds it.
 *
 * @param nextFiring empty once it will not fire again
 * @param registeredHere whether this process has the job's work: a trigger stored by another build
 *     of Shipmate fires here for nothing (it is logged and skipped)
 */
public record ScheduledJob(String name, Optional<Instant> nextFiring, boolean registeredHere) {}
