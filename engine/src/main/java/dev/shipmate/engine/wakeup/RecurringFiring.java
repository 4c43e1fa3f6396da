package dev.shipmate.engine.wakeup;

import dev.shipmate.engine.recurring.RecurringJob;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One firing of a recurring job, run the same way by Quartz and in memory. */
final class RecurringFiring {
  private static final Logger log = LoggerFactory.getLogger(RecurringFiring.class);

  private RecurringFiring() {}

  /**
   * Runs the job's work with the job in the logging context. A failure is logged and swallowed: the
   * next firing comes on schedule whatever this one did.
   *
   * @return whether the work finished without throwing
   */
  static boolean run(RecurringJob job, Instant scheduledFor, Optional<Instant> next) {
    String previousJob = MDC.get(RecurringJob.LOG_JOB);
    String previousScheduledFor = MDC.get(RecurringJob.LOG_SCHEDULED_FOR);
    MDC.put(RecurringJob.LOG_JOB, job.name());
    MDC.put(RecurringJob.LOG_SCHEDULED_FOR, scheduledFor.toString());
    try {
      job.work().run();
      return true;
    } catch (RuntimeException e) {
      // Often the same outside failure at every firing (a cluster out of reach): the cause in
      // one line, the stack only when debugging.
      log.warn(
          "recurring job {} failed; {}: {}",
          job.name(),
          next.map(at -> "the next firing is at " + at).orElse("it has no next firing"),
          e.toString());
      log.debug("recurring job {} failed", job.name(), e);
      return false;
    } finally {
      restore(RecurringJob.LOG_JOB, previousJob);
      restore(RecurringJob.LOG_SCHEDULED_FOR, previousScheduledFor);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
