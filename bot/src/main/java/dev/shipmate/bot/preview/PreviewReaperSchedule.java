package dev.shipmate.bot.preview;

import dev.shipmate.pipelines.preview.PreviewReaper;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the TTL reaper's {@link PreviewReaper#sweep()} on a Quartz schedule, every {@link
 * #INTERVAL}. The schedule is in memory, per replica: two replicas both sweep, which is harmless (a
 * removal holds {@code preview:pr-<n>}, so the second is refused), except that the owner may be
 * warned twice when both sweep in the same instant.
 */
public final class PreviewReaperSchedule implements AutoCloseable {
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(PreviewReaperSchedule.class);
  private static final String REAPER = "reaper";

  // Two schedulers of one name in one JVM are silently one object: each gets its own.
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Scheduler scheduler;

  private PreviewReaperSchedule(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Starts sweeping with {@code reaper}, the first sweep one interval from now. */
  public static PreviewReaperSchedule start(PreviewReaper reaper) {
    Objects.requireNonNull(reaper, "reaper");
    Properties properties = new Properties();
    properties.setProperty(
        "org.quartz.scheduler.instanceName",
        "shipmate-preview-reaper-" + INSTANCES.incrementAndGet());
    properties.setProperty("org.quartz.threadPool.threadCount", "1");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    try {
      Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
      scheduler.getContext().put(REAPER, reaper);
      scheduler.scheduleJob(
          JobBuilder.newJob(SweepJob.class).withIdentity("sweep-previews").build(),
          TriggerBuilder.newTrigger()
              // Not at once: a process that starts and stops (validate, a smoke test) sweeps
              // nothing.
              .startAt(Date.from(Instant.now().plus(INTERVAL)))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule()
                      .withIntervalInMilliseconds(INTERVAL.toMillis())
                      .repeatForever()
                      .withMisfireHandlingInstructionNextWithRemainingCount())
              .build());
      scheduler.start();
      return new PreviewReaperSchedule(scheduler);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule the preview reaper", e);
    }
  }

  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("stopping the preview reaper failed", e);
    }
  }

  /** One sweep; a failing one is logged and the next comes on schedule. */
  @DisallowConcurrentExecution
  public static final class SweepJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      try {
        PreviewReaper reaper = (PreviewReaper) context.getScheduler().getContext().get(REAPER);
        PreviewReaper.Sweep sweep = reaper.sweep();
        if (!sweep.removals().isEmpty() || !sweep.warned().isEmpty()) {
          log.info("preview reaper: removing with {}, warned {}", sweep.removals(), sweep.warned());
        }
      } catch (SchedulerException | RuntimeException e) {
        // Mostly the previews' cluster out of reach, again every minute: the cause in one line,
        // the stack only when debugging.
        log.warn(
            "the preview reaper's sweep failed; the next one comes in {}: {}",
            INTERVAL,
            e.getMessage());
        log.debug("the preview reaper's sweep failed", e);
      }
    }
  }
}
