package dev.shipmate.engine.wakeup;

import dev.shipmate.engine.recurring.RecurringJobs;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.store.Vendor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups kept by Quartz in the engine's database: they survive a restart, and replicas on one
 * PostgreSQL share them (clustered JDBC job store). Each run has one non-durable job and at most
 * one trigger, both named after the run; the job disappears by itself when its last trigger has
 * fired and nothing asked for another.
 *
 * <p>The same scheduler runs the engine's recurring jobs ({@link #recurringJobs()}), in a group of
 * their own: one scheduler, one set of threads and one cluster per engine.
 */
public final class QuartzWakeUps implements WakeUps {
  private static final Logger log = LoggerFactory.getLogger(QuartzWakeUps.class);
  static final String GROUP = "shipmate-runs";
  static final Duration FIRE_AHEAD = Duration.ofMillis(100);

  private final Scheduler scheduler;
  private final QuartzRecurringJobs recurring;
  private final Object[] stripes = new Object[64];
  private volatile Consumer<RunId> advance;

  public QuartzWakeUps(DataSource dataSource, Vendor vendor, QuartzSettings settings) {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
    String dataSourceName = "shipmate-store-" + settings.schedulerName();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new DataSourceConnectionProvider(dataSource));
    try {
      scheduler =
          new StdSchedulerFactory(properties(vendor, settings, dataSourceName)).getScheduler();
      recurring = new QuartzRecurringJobs(scheduler, Clock.systemUTC());
      scheduler.setJobFactory(new EngineJobFactory(this::fire, recurring::fire));
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz could not be set up: " + e.getMessage(), e);
    }
  }

  static Properties properties(Vendor vendor, QuartzSettings settings, String dataSourceName) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", settings.schedulerName());
    p.setProperty(
        "org.quartz.scheduler.instanceId",
        settings.instanceId().orElse(vendor == Vendor.H2 ? "local" : "AUTO"));
    p.setProperty(
        "org.quartz.scheduler.idleWaitTime", Long.toString(settings.idleWaitTime().toMillis()));
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    // Many runs fall due together (a burst of starts, a restart): take up to one per worker
    // thread per look at the table. Quartz requires the lock for batches.
    p.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
        Integer.toString(settings.threadCount()));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    // Wake-ups spread over time would otherwise be fired one per scheduler loop (two locked
    // transactions each), which on PostgreSQL caps the rate well below what the workers can do.
    // A check that comes 100 ms early is harmless: the advancer simply looks again later.
    p.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
        Long.toString(FIRE_AHEAD.toMillis()));
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        vendor == Vendor.POSTGRESQL
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
            : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.clusterCheckinInterval().toMillis()));
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold",
        Long.toString(settings.misfireThreshold().toMillis()));
    return p;
  }

  /**
   * The recurring jobs kept by this scheduler: stored at once, fired once {@link #start} has
   * started it.
   */
  public RecurringJobs recurringJobs() {
    return recurring;
  }

  @Override
  public void start(Consumer<RunId> target) {
    start(target, QuartzRecurringJobs.REPAIR_EVERY);
  }

  /** As {@link #start(Consumer)}, looking for recurring triggers in ERROR every {@code repairs}. */
  void start(Consumer<RunId> target, Duration repairs) {
    this.advance = target;
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz did not start: " + e.getMessage(), e);
    }
    recurring.startRepairs(repairs);
  }

  private void fire(RunId run) {
    Consumer<RunId> target = advance;
    if (target == null) {
      throw new IllegalStateException("a wake-up fired before the engine started");
    }
    target.accept(run);
  }

  @Override
  public void wakeAt(RunId run, Instant at) {
    // Within this JVM, one caller at a time per run, so that "earliest wins" is decided on a
    // trigger nobody else is replacing. Across replicas the engine guards against a lost
    // wake-up itself (see RunAdvancer).
    synchronized (stripes[Math.floorMod(run.hashCode(), stripes.length)]) {
      try {
        schedule(run, at);
      } catch (SchedulerException e) {
        throw new IllegalStateException("cannot schedule run " + run + ": " + e.getMessage(), e);
      }
    }
  }

  private void schedule(RunId run, Instant at) throws SchedulerException {
    TriggerKey triggerKey = TriggerKey.triggerKey(run.value(), GROUP);
    JobKey jobKey = JobKey.jobKey(run.value(), GROUP);
    Trigger existing = scheduler.getTrigger(triggerKey);
    if (existing != null
        && existing.getNextFireTime() != null
        && !existing.getNextFireTime().toInstant().isAfter(at)) {
      return; // an earlier or equal wake-up is already pending
    }
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(triggerKey)
            .forJob(jobKey)
            .startAt(Date.from(at))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    if (existing != null && scheduler.rescheduleJob(triggerKey, trigger) != null) {
      return;
    }
    try {
      if (scheduler.checkExists(jobKey)) {
        scheduler.scheduleJob(trigger);
      } else {
        scheduler.scheduleJob(job(run, jobKey), Set.of(trigger), true);
      }
    } catch (ObjectAlreadyExistsException raced) {
      // Another replica scheduled the same run between our look and our write: take its place.
      log.debug("run {}: trigger appeared meanwhile; replacing it", run);
      scheduler.rescheduleJob(triggerKey, trigger);
    }
  }

  private static JobDetail job(RunId run, JobKey key) {
    return JobBuilder.newJob(AdvanceRunJob.class)
        .withIdentity(key)
        .usingJobData(AdvanceRunJob.RUN_ID, run.value())
        // Re-run after a crash of the replica that was running it.
        .requestRecovery(true)
        .build();
  }

  /** When {@code run} will next be advanced, if a wake-up is pending. */
  public Optional<Instant> next(RunId run) {
    try {
      Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(run.value(), GROUP));
      return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read the trigger of run " + run, e);
    }
  }

  @Override
  public boolean isFiring() {
    try {
      return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }

  @Override
  public void stop() {
    recurring.stopRepairs();
    try {
      if (!scheduler.isShutdown()) {
        scheduler.shutdown(true);
      }
    } catch (SchedulerException e) {
      log.warn("Quartz did not shut down cleanly", e);
    }
  }
}
