package dev.shipmate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.pipeline.RetryPolicy;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.engine.recurring.ScheduledJob;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.support.DeployParams;
import dev.shipmate.engine.support.TestPipeline;
import dev.shipmate.engine.support.World;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.wakeup.QuartzSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The production wiring, {@link Engine#open}, on real time with short delays: Quartz fires the
 * wake-ups, the journal is a real database. One subclass per database.
 */
abstract class EngineOnQuartzContract {
  private static final AtomicInteger NAMES = new AtomicInteger();

  final World world = new World();
  final List<Engine> engines = new ArrayList<>();
  final String schedulerName = "it-engine-" + NAMES.incrementAndGet();

  /** A fresh, empty database for one test. */
  abstract StoreSettings freshStore();

  @AfterEach
  void closeEngines() {
    engines.forEach(Engine::close);
  }

  PipelineRegistry pipelines() {
    Step<DeployParams> flaky =
        Step.<DeployParams>define(
                "call-registry",
                ctx -> {
                  if (ctx.attempt() == 1) {
                    throw new IOException("connection reset");
                  }
                  world.record("call-registry");
                  return StepResult.done();
                })
            .withRetry(new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)));
    return PipelineRegistry.of(
        TestPipeline.deploy(
            world.changing("set-image"),
            flaky,
            world.waitsFor("wait-rollout", "ready", Duration.ofMillis(100))),
        TestPipeline.named(
            "broken",
            'b',
            world.changing("set-config"),
            Step.define("verify", ctx -> StepResult.failed(FailureKind.PERMANENT, "unhealthy"))),
        TestPipeline.named(
            "slow", 's', world.waitsFor("wait-bake", "baked", Duration.ofMinutes(10))));
  }

  Engine open(StoreSettings store) {
    Engine engine = opened(store);
    engine.start();
    return engine;
  }

  /** The production engine, not yet started. */
  Engine opened(StoreSettings store) {
    EngineSettings settings =
        EngineSettings.defaults()
            .withQuartz(
                QuartzSettings.defaults()
                    .withSchedulerName(schedulerName)
                    .withInstanceId("replica-1")
                    .withIdleWaitTime(Duration.ofSeconds(1))
                    .withClusterCheckinInterval(Duration.ofSeconds(1)));
    Engine engine = Engine.open(store, pipelines(), settings, List.of());
    engines.add(engine);
    return engine;
  }

  static Run awaitOutcome(Engine engine, RunId id) {
    Await.until(id + " to finish", () -> !engine.run(id).orElseThrow().isActive());
    return engine.run(id).orElseThrow();
  }

  static Run started(StartResult result) {
    assertThat(result).isInstanceOf(StartResult.Started.class);
    return ((StartResult.Started) result).run();
  }

  @Test
  @DisplayName("an approved run polls, retries and finishes on Quartz's wake-ups")
  void runsToTheEnd() {
    Engine engine = open(freshStore());
    Run run =
        started(engine.start(StartRequest.of("deploy", DeployParams.web("v2"), "U1").approvals(1)));

    assertThat(engine.approve(run.id(), "U2")).isInstanceOf(ApproveResult.Recorded.class);
    Await.until("the rollout to be checked twice", () -> world.calls("wait-rollout") >= 2);
    world.turnOn("ready");

    Run done = awaitOutcome(engine, run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(world.effects()).containsExactly("set-image", "call-registry", "wait-rollout");
    assertThat(engine.steps(run.id()).get(1).attempts()).isEqualTo(2);
  }

  @Test
  @DisplayName("a failing run is rolled back on Quartz's wake-ups and frees its lock")
  void rollsBack() {
    Engine engine = open(freshStore());
    Run run = started(engine.start(StartRequest.of("broken", DeployParams.web("v2"), "U1")));

    Run done = awaitOutcome(engine, run.id());

    assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(world.effects()).containsExactly("set-config", "undo-set-config:before-set-config");
    assertThat(engine.lockHolder(run.target())).isEmpty();
  }

  @Test
  @DisplayName("a cancel stops a waiting run at once, not at its next check")
  void cancels() {
    Engine engine = open(freshStore());
    Run run = started(engine.start(StartRequest.of("slow", DeployParams.web("v2"), "U1")));
    Await.until("the bake to start", () -> world.calls("wait-bake") >= 1);

    engine.cancel(run.id(), "U2");

    Run done = awaitOutcome(engine, run.id());
    assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(world.effects()).containsExactly("cancelled wait-bake");
  }

  @Test
  @DisplayName(
      "on start, an engine picks up the runs a stopped one left, without waiting for their timers")
  void recoversOnStart() {
    StoreSettings store = freshStore();
    Engine first = open(store);
    Run run = started(first.start(StartRequest.of("slow", DeployParams.web("v2"), "U1")));
    Await.until("the bake to start", () -> world.calls("wait-bake") >= 1);
    first.close();
    engines.remove(first);
    world.turnOn("baked");

    Engine second = open(store);

    Run done = awaitOutcome(second, run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(world.count("wait-bake")).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a recurring job scheduled before the start is stored at once, fires after it, and can be"
          + " removed")
  void recurringJob() {
    Engine engine = opened(freshStore());
    AtomicInteger sweeps = new AtomicInteger();

    engine.schedule(
        new RecurringJob(
            "sweep-previews",
            new Schedule.Every(Duration.ofMillis(200), Duration.ZERO),
            sweeps::incrementAndGet));
    assertThat(engine.recurringJobs())
        .extracting(ScheduledJob::name, ScheduledJob::registeredHere)
        .containsExactly(tuple("sweep-previews", true));
    engine.start();

    Await.until("two sweeps", () -> sweeps.get() >= 2);
    assertThat(engine.unschedule("sweep-previews")).isTrue();
    // What is left is the engine's own watchdog, which start() scheduled.
    assertThat(engine.recurringJobs()).extracting(ScheduledJob::name).containsExactly("watchdogs");
  }
}
