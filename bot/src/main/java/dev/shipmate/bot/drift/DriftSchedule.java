package dev.shipmate.bot.drift;

import dev.shipmate.engine.store.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The drift report's cron trigger ({@code drift.schedule}), kept by a Quartz scheduler of its own
 * on the engine's database: clustered, so that replicas sharing one PostgreSQL send each report
 * once; a firing missed while no replica ran is skipped, not made up for.
 *
 * <p>Not an engine run: a report has no steps to resume, nothing to undo and no target to lock, and
 * it would otherwise need the engine's Quartz job factory to learn a second kind of job.
 */
public final class DriftSchedule implements AutoCloseable {
  static final String NAME = "shipmate-drift";
  static final JobKey JOB = JobKey.jobKey("drift-report", NAME);

  private final Scheduler scheduler;

  public DriftSchedule(
      DataSource dataSource, Vendor vendor, String cron, TimeZone zone, Runnable report) {
    String provider = NAME + "-store";
    DBConnectionManager.getInstance().addConnectionProvider(provider, connections(dataSource));
    try {
      scheduler = new StdSchedulerFactory(properties(vendor, provider)).getScheduler();
      scheduler.setJobFactory((bundle, s) -> new DriftReportJob(report));
      JobDetail job = JobBuilder.newJob(DriftReportJob.class).withIdentity(JOB).build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(JOB.getName(), NAME)
              .forJob(JOB)
              .withSchedule(
                  CronScheduleBuilder.cronSchedule(cron)
                      .inTimeZone(zone)
                      .withMisfireHandlingInstructionDoNothing())
              .build();
      // Replaced at every start, so that a changed drift.schedule takes effect.
      scheduler.scheduleJob(job, Set.of(trigger), true);
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "the drift schedule '" + cron + "' could not be set up: " + e.getMessage(), e);
    }
  }

  private static ConnectionProvider connections(DataSource dataSource) {
    return new ConnectionProvider() {
      @Override
      public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void shutdown() {}

      @Override
      public void initialize() {}
    };
  }

  private static Properties properties(Vendor vendor, String provider) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", NAME);
    p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        vendor == Vendor.POSTGRESQL
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
            : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", provider);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "15000");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    return p;
  }

  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("the drift schedule did not stop: " + e.getMessage(), e);
    }
  }
}
