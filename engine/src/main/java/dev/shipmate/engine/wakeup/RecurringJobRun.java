package dev.shipmate.engine.wakeup;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz's side of a recurring job: one job per recurring job, keyed by its name in {@value
 * QuartzRecurringJobs#GROUP}. Quartz never runs one job key twice at once, across the whole
 * cluster: a job whose last firing is still under way waits for it.
 */
@DisallowConcurrentExecution
final class RecurringJobRun implements Job {

  /** What a firing calls: the job's name, the time it was scheduled for, the one after. */
  interface Target {
    void fire(String name, Instant scheduledFor, Optional<Instant> next);
  }

  private final Target target;

  RecurringJobRun(Target target) {
    this.target = target;
  }

  @Override
  public void execute(JobExecutionContext context) {
    target.fire(
        context.getJobDetail().getKey().getName(),
        context.getScheduledFireTime().toInstant(),
        Optional.ofNullable(context.getNextFireTime()).map(Date::toInstant));
  }
}
