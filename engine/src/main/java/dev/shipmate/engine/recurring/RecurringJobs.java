package dev.shipmate.engine.recurring;

import java.util.List;

/**
 * Where the engine keeps its recurring jobs: Quartz's clustered store in production (sharing the
 * wake-ups' scheduler), memory in tests. Kept apart from {@code WakeUps}, which is about runs.
 */
public interface RecurringJobs {
  /**
   * Registers {@code job}'s work in this process and stores its schedule. Called again with the
   * same name, the work is replaced, and so is the schedule if it changed (an unchanged one keeps
   * its next firing).
   *
   * @throws IllegalArgumentException if the schedule never fires from now on
   */
  void schedule(RecurringJob job);

  /** Forgets the job here and removes its schedule for every replica; false if there was none. */
  boolean unschedule(String name);

  /**
   * Fires {@code name} once now, as its schedule would, leaving its next firing where it was (local
   * mode's console shows a scheduled report without waiting for it).
   *
   * @throws IllegalArgumentException if no job of that name is scheduled
   */
  void fireNow(String name);

  /** The recurring jobs the scheduler holds, by name: including those other builds stored. */
  List<ScheduledJob> scheduled();
}
