package dev.shipmate.engine.wakeup;

import dev.shipmate.engine.run.RunId;
import java.util.function.Consumer;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz's side of a wake-up: one job per run, keyed by the run id. Quartz never runs one job key
 * twice at once, across the whole cluster: that is what makes a run advance on one thread only.
 */
@DisallowConcurrentExecution
final class AdvanceRunJob implements Job {
  static final String RUN_ID = "runId";

  private final Consumer<RunId> advance;

  AdvanceRunJob(Consumer<RunId> advance) {
    this.advance = advance;
  }

  @Override
  public void execute(JobExecutionContext context) {
    advance.accept(new RunId(context.getMergedJobDataMap().getString(RUN_ID)));
  }
}
