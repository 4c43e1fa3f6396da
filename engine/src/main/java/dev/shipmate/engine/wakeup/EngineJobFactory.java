package dev.shipmate.engine.wakeup;

import dev.shipmate.engine.run.RunId;
import java.util.function.Consumer;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Makes the Quartz job a trigger fired, by the job class stored with it: one engine scheduler runs
 * both runs' wake-ups and recurring jobs.
 */
final class EngineJobFactory implements JobFactory {
  private final Consumer<RunId> advance;
  private final RecurringJobRun.Target recurring;

  EngineJobFactory(Consumer<RunId> advance, RecurringJobRun.Target recurring) {
    this.advance = advance;
    this.recurring = recurring;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    if (type == AdvanceRunJob.class) {
      return new AdvanceRunJob(advance);
    }
    if (type == RecurringJobRun.class) {
      return new RecurringJobRun(recurring);
    }
    // Only the engine writes to its scheduler's tables; Quartz puts such a trigger in ERROR.
    throw new SchedulerException(
        "the engine runs no Quartz job of class "
            + type.getName()
            + " (job "
            + bundle.getJobDetail().getKey()
            + ")");
  }
}
