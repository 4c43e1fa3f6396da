package dev.shipmate.engine.recurring;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Work the engine runs on a schedule, such as a daily report or a sweep every minute: once per
 * firing across all replicas, never twice at once (see {@code docs/engine.md}, "Recurring jobs").
 * Not a run: it has no steps, nothing to undo and no lock.
 *
 * <p>While {@code work} runs, the logging context (SLF4J's MDC) holds {@value #LOG_JOB} (the name)
 * and {@value #LOG_SCHEDULED_FOR} (the instant the firing was scheduled for, ISO-8601).
 *
 * @param name lowercase words joined by '-', e.g. {@code drift-report}: the job's key in Quartz,
 *     the same on every replica and across restarts
 * @param work runs on one of the engine's scheduler threads, which also advance runs: work that
 *     takes long should be handed to an executor of its own. What it throws is logged; the next
 *     firing comes on schedule.
 */
public record RecurringJob(String name, Schedule schedule, Runnable work) {
  public static final String LOG_JOB = "recurring_job";
  public static final String LOG_SCHEDULED_FOR = "scheduled_for";

  /** Well under Quartz's 200-character job and trigger names. */
  static final int MAX_NAME_LENGTH = 100;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public RecurringJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(work, "work");
    if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a recurring job's name is lowercase words joined by '-', at most "
              + MAX_NAME_LENGTH
              + " characters, e.g. 'drift-report'; not '"
              + name
              + "'");
    }
  }
}
