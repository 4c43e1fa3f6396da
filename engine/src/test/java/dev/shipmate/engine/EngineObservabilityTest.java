package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.advance.RunLogContext;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.EngineHarness;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.support.TestPipeline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** What operators see of the engine: whether it is ready, and which run a log line is about. */
class EngineObservabilityTest {

  private final Database database = TestDatabases.open(TestDatabases.h2InMemory());
  private EngineHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
    database.close();
  }

  @Test
  @DisplayName(
      "ready while the database answers and wake-ups fire; not ready, with the reason, otherwise")
  void readiness() {
    h =
        new EngineHarness(
            database, TestPipeline.deploy(Step.define("only", ctx -> StepResult.done())));
    assertThat(h.engine.readiness()).isEqualTo(Readiness.READY);

    h.engine.stop();
    assertThat(h.engine.readiness())
        .isEqualTo(new Readiness.NotReady("the scheduler (Quartz) is not running"));

    h.restart();
    database.close();
    assertThat(h.engine.readiness())
        .isInstanceOfSatisfying(
            Readiness.NotReady.class,
            notReady -> assertThat(notReady.reason()).startsWith("the database does not answer"));
  }

  @Test
  @DisplayName("while a step runs, the logging context names the run, its pipeline and the step")
  void logContextNamesTheRun() {
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    Step<DeployParams> first =
        Step.define(
            "set-image",
            ctx -> {
              seen.add(new HashMap<>(MDC.getCopyOfContextMap()));
              return StepResult.done();
            });
    Step<DeployParams> second =
        Step.define(
            "wait-rollout",
            ctx -> {
              seen.add(new HashMap<>(MDC.getCopyOfContextMap()));
              return StepResult.done();
            });
    h = new EngineHarness(database, TestPipeline.deploy(first, second));
    MDC.put("request", "outer");
    try {
      Run run = h.start(StartRequest.of("deploy", DeployParams.web("v1.2"), "U1"));
      h.wakeUps.fireDue();

      assertThat(seen)
          .containsExactly(
              Map.of(
                  RunLogContext.RUN_ID,
                  run.id().value(),
                  RunLogContext.PIPELINE,
                  "deploy",
                  RunLogContext.STEP,
                  "set-image",
                  "request",
                  "outer"),
              Map.of(
                  RunLogContext.RUN_ID,
                  run.id().value(),
                  RunLogContext.PIPELINE,
                  "deploy",
                  RunLogContext.STEP,
                  "wait-rollout",
                  "request",
                  "outer"));
      assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request", "outer"));
    } finally {
      MDC.clear();
    }
  }
}
