package dev.shipmate.engine.wakeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.engine.run.RunId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.JobExecutionContextImpl;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;

class EngineJobFactoryTest {
  private static final Instant SCHEDULED = Instant.parse("2026-11-20T11:00:00Z");
  private static final Instant NEXT = SCHEDULED.plusSeconds(60);

  private final List<RunId> advanced = new ArrayList<>();
  private final List<String> recurring = new ArrayList<>();
  private final EngineJobFactory factory =
      new EngineJobFactory(
          advanced::add,
          (name, scheduledFor, next) -> recurring.add(name + " " + scheduledFor + " " + next));

  @Test
  @DisplayName("a run's wake-up makes the job that advances that run")
  void advanceRun() throws Exception {
    JobDetail detail =
        JobBuilder.newJob(AdvanceRunJob.class)
            .withIdentity("d-0001", QuartzWakeUps.GROUP)
            .usingJobData(AdvanceRunJob.RUN_ID, "d-0001")
            .build();

    execute(detail);

    assertThat(advanced).containsExactly(new RunId("d-0001"));
    assertThat(recurring).isEmpty();
  }

  @Test
  @DisplayName("a recurring job's firing makes the job that fires it by name, with its times")
  void recurringJob() throws Exception {
    JobDetail detail =
        JobBuilder.newJob(RecurringJobRun.class)
            .withIdentity("drift-report", QuartzRecurringJobs.GROUP)
            .build();

    execute(detail);

    assertThat(recurring).containsExactly("drift-report " + SCHEDULED + " Optional[" + NEXT + "]");
    assertThat(advanced).isEmpty();
  }

  @Test
  @DisplayName("any other job class is refused")
  void otherJob() {
    JobDetail detail = JobBuilder.newJob(StrangeJob.class).withIdentity("strange").build();

    assertThatThrownBy(() -> factory.newJob(bundle(detail), null))
        .isInstanceOf(SchedulerException.class)
        .hasMessage(
            "the engine runs no Quartz job of class "
                + StrangeJob.class.getName()
                + " (job DEFAULT.strange)");
  }

  private void execute(JobDetail detail) throws Exception {
    TriggerFiredBundle bundle = bundle(detail);
    Job job = factory.newJob(bundle, null);
    JobExecutionContext context = new JobExecutionContextImpl(null, bundle, job);
    job.execute(context);
  }

  private static TriggerFiredBundle bundle(JobDetail detail) {
    OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger().forJob(detail).build();
    return new TriggerFiredBundle(
        detail,
        trigger,
        null,
        false,
        Date.from(SCHEDULED),
        Date.from(SCHEDULED),
        null,
        Date.from(NEXT));
  }

  static final class StrangeJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {}
  }
}
