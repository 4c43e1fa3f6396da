package dev.shipmate.engine.wakeup;

import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.RecurringJobs;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.recurring.ScheduledJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring jobs on the wake-ups' Quartz scheduler: the same tables, the same cluster, a group of
 * their own. The schedule lives in the database and is shared by every replica; the work lives in
 * each process, registered under the job's name. Quartz hands each firing to one replica only, and
 * never runs one job twice at once ({@link RecurringJobRun} disallows concurrent execution).
 *
 * <p>A firing missed while no replica ran (later than Quartz's misfire threshold) is skipped, not
 * made up for: cron triggers do nothing on a misfire, interval triggers go on to their next time. A
 * firing that comes after the next one is already due (the previous execution ran long) is skipped
 * too, so that a backlog shorter than the threshold is not made up for either.
 *
 * <p>A replica of a build older than recurring jobs shares the tables but cannot load {@link
 * RecurringJobRun}: when it takes a firing, Quartz puts the trigger in ERROR, for every replica.
 * While started, this class looks for such triggers every {@link #REPAIR_EVERY} and puts them back,
 * so that a rolling deploy (or a rollback and roll forward) does not stop a job for good.
 */
final class QuartzRecurringJobs implements RecurringJobs {
  private static final Logger log = LoggerFactory.getLogger(QuartzRecurringJobs.class);
  static final String GROUP = "shipmate-recurring";
  static final Duration REPAIR_EVERY = Duration.ofMinutes(1);

  private final Scheduler scheduler;
  private final Clock clock;
  private final ConcurrentMap<String, RecurringJob> registered = new ConcurrentHashMap<>();
  private final Set<String> warnedUnregistered = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService repairs;

  /**
   * @param clock Quartz keeps time by the system clock, and so must the triggers stored here
   */
  QuartzRecurringJobs(Scheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public void schedule(RecurringJob job) {
    Objects.requireNonNull(job, "job");
    Instant first = job.schedule().firstFiring(clock.instant());
    // Before the trigger is stored, so that a firing right after finds the work.
    registered.put(job.name(), job);
    warnedUnregistered.remove(job.name());
    try {
      // One caller at a time in this JVM decides "unchanged, keep it" against a trigger nobody
      // here is replacing; two replicas storing the same schedule at once is harmless.
      synchronized (this) {
        store(job, first);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot schedule recurring job " + job.name() + ": " + e.getMessage(), e);
    }
  }

  private void store(RecurringJob job, Instant first) throws SchedulerException {
    TriggerKey triggerKey = TriggerKey.triggerKey(job.name(), GROUP);
    Trigger existing = scheduler.getTrigger(triggerKey);
    if (existing != null
        && existing.getNextFireTime() != null
        && sameSchedule(existing, job.schedule())
        && scheduler.getTriggerState(triggerKey) != Trigger.TriggerState.ERROR) {
      // Replacing it would restart an interval at every restart of a replica: a job every day on
      // replicas redeployed daily would never run.
      log.info(
          "recurring job {} ({}) is scheduled already; next firing at {}",
          job.name(),
          job.schedule().describe(),
          existing.getNextFireTime().toInstant());
      return;
    }
    JobKey jobKey = JobKey.jobKey(job.name(), GROUP);
    Trigger trigger = trigger(triggerKey, jobKey, job.schedule(), first);
    if (!replaced(triggerKey, trigger)) {
      try {
        scheduler.scheduleJob(
            JobBuilder.newJob(RecurringJobRun.class).withIdentity(jobKey).build(),
            Set.of(trigger),
            false);
      } catch (ObjectAlreadyExistsException raced) {
        // Another replica stored it between our look and our write: take its place.
        replaced(triggerKey, trigger);
      }
    }
    log.info(
        "recurring job {} scheduled: {}; first firing at {}",
        job.name(),
        job.schedule().describe(),
        first);
  }

  /**
   * Replaces a stored trigger in one transaction; false if there was none. Not {@code
   * scheduleJob(job, triggers, true)}: that updates a trigger in place, and when a cron trigger
   * replaces an interval one (or the reverse) Quartz updates the wrong table and loses it.
   */
  private boolean replaced(TriggerKey key, Trigger trigger) throws SchedulerException {
    return scheduler.rescheduleJob(key, trigger) != null;
  }

  static Trigger trigger(TriggerKey key, JobKey job, Schedule schedule, Instant first) {
    TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(key).forJob(job);
    if (schedule instanceof Schedule.Cron cron) {
      return builder
          .withSchedule(
              CronScheduleBuilder.cronSchedule(cron.expression())
                  .inTimeZone(TimeZone.getTimeZone(cron.zone()))
                  .withMisfireHandlingInstructionDoNothing())
          .build();
    }
    Schedule.Every every = (Schedule.Every) schedule;
    return builder
        .startAt(Date.from(first))
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(every.interval().toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }

  /**
   * Whether {@code stored} fires at the times {@code schedule} names, and misfires the same way.
   */
  static boolean sameSchedule(Trigger stored, Schedule schedule) {
    if (schedule instanceof Schedule.Cron cron) {
      return stored instanceof CronTrigger trigger
          && trigger.getCronExpression().equalsIgnoreCase(cron.expression())
          && trigger.getTimeZone().getID().equals(TimeZone.getTimeZone(cron.zone()).getID())
          && trigger.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING;
    }
    Schedule.Every every = (Schedule.Every) schedule;
    return stored instanceof SimpleTrigger trigger
        && trigger.getRepeatInterval() == every.interval().toMillis()
        && trigger.getRepeatCount() == SimpleTrigger.REPEAT_INDEFINITELY
        && trigger.getMisfireInstruction()
            == SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT;
  }

  /** Starts looking for triggers an older build put in ERROR, every {@code every}. */
  synchronized void startRepairs(Duration every) {
    if (repairs != null) {
      return;
    }
    repairs =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "shipmate-recurring-repairs");
              thread.setDaemon(true);
              return thread;
            });
    repairs.scheduleWithFixedDelay(
        this::repairQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized void stopRepairs() {
    if (repairs != null) {
      repairs.shutdownNow();
      repairs = null;
    }
  }

  private void repairQuietly() {
    try {
      repair();
    } catch (SchedulerException | RuntimeException e) {
      // The database away for a moment: the next look comes in REPAIR_EVERY.
      log.debug("could not look for recurring triggers in ERROR", e);
    }
  }

  /** Puts the recurring triggers that are in ERROR back to waiting; answers their names. */
  List<String> repair() throws SchedulerException {
    List<String> repaired = new ArrayList<>();
    for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
      if (scheduler.getTriggerState(key) == Trigger.TriggerState.ERROR) {
        scheduler.resetTriggerFromErrorState(key);
        repaired.add(key.getName());
        log.warn(
            "recurring job {} was stopped (trigger in ERROR: a replica of an older build of"
                + " Shipmate could not load its job class?); it fires again",
            key.getName());
      }
    }
    return repaired;
  }

  @Override
  public boolean unschedule(String name) {
    registered.remove(name);
    try {
      boolean removed = scheduler.deleteJob(JobKey.jobKey(name, GROUP));
      if (removed) {
        log.info("recurring job {} unscheduled", name);
      }
      return removed;
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot unschedule recurring job " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void fireNow(String name) {
    try {
      JobKey key = JobKey.jobKey(name, GROUP);
      if (!scheduler.checkExists(key)) {
        throw new IllegalArgumentException("no recurring job is named '" + name + "'");
      }
      scheduler.triggerJob(key);
      log.info("recurring job {} fired now, on request", name);
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot fire recurring job " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<ScheduledJob> scheduled() {
    try {
      List<ScheduledJob> jobs = new ArrayList<>();
      for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
        Trigger trigger = scheduler.getTrigger(key);
        if (trigger != null) { // not unscheduled meanwhile
          jobs.add(
              new ScheduledJob(
                  key.getName(),
                  Optional.ofNullable(trigger.getNextFireTime()).map(Date::toInstant),
                  registered.containsKey(key.getName())));
        }
      }
      jobs.sort(Comparator.comparing(ScheduledJob::name));
      return jobs;
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read the recurring jobs: " + e.getMessage(), e);
    }
  }

  /** One firing, on a Quartz thread; never throws, so that Quartz keeps the trigger as it is. */
  void fire(String name, Instant scheduledFor, Optional<Instant> next) {
    if (next.isPresent() && !next.get().isAfter(clock.instant())) {
      log.debug(
          "recurring job {}: the firing for {} came when the next one was due; skipped",
          name,
          scheduledFor);
      return;
    }
    RecurringJob job = registered.get(name);
    if (job == null) {
      // A trigger stored by another build (or registered here later than this replica started).
      // Throwing would put the trigger in ERROR for every replica: skip this firing instead.
      if (warnedUnregistered.add(name)) {
        log.warn(
            "recurring job {} fired here, but this process has no job of that name (another"
                + " version of Shipmate scheduled it?); its firings on this replica are skipped",
            name);
      } else {
        log.debug("recurring job {} fired here, unregistered; skipped", name);
      }
      return;
    }
    RecurringFiring.run(job, scheduledFor, next);
  }
}
