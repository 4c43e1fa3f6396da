package dev.shipmate.bot.drift;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled drift report. Never two at once, across replicas too ({@code
 * DisallowConcurrentExecution} on the clustered job store).
 */
@DisallowConcurrentExecution
final class DriftReportJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(DriftReportJob.class);

  private final Runnable report;

  DriftReportJob(Runnable report) {
    this.report = report;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      report.run();
    } catch (RuntimeException e) {
      // The next firing tries again; Quartz would only log it less clearly.
      log.error("the scheduled drift report failed", e);
    }
  }
}
