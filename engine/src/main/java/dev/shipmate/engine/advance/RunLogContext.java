package dev.shipmate.engine.advance;

import dev.shipmate.engine.run.RunId;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The run a thread is advancing, in the logging context (SLF4J's MDC): {@value #RUN_ID}, {@value
 * #PIPELINE} and {@value #STEP} appear in every line logged meanwhile, as fields of the JSON logs.
 * The values a thread had before are put back when the run is left, so a caller's own context
 * survives.
 */
public final class RunLogContext implements AutoCloseable {
  public static final String RUN_ID = "run_id";
  public static final String PIPELINE = "pipeline";
  public static final String STEP = "step";

  private final String previousRun;
  private final String previousPipeline;
  private final String previousStep;

  private RunLogContext() {
    this.previousRun = MDC.get(RUN_ID);
    this.previousPipeline = MDC.get(PIPELINE);
    this.previousStep = MDC.get(STEP);
  }

  static RunLogContext enter(RunId id) {
    RunLogContext context = new RunLogContext();
    MDC.put(RUN_ID, id.value());
    MDC.remove(PIPELINE);
    MDC.remove(STEP);
    return context;
  }

  /** The run was loaded: its pipeline, and the step it stands at (none before it starts). */
  void at(String pipeline, Optional<String> step) {
    MDC.put(PIPELINE, pipeline);
    step.ifPresentOrElse(RunLogContext::step, () -> MDC.remove(STEP));
  }

  static void step(String name) {
    MDC.put(STEP, name);
  }

  @Override
  public void close() {
    restore(RUN_ID, previousRun);
    restore(PIPELINE, previousPipeline);
    restore(STEP, previousStep);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
