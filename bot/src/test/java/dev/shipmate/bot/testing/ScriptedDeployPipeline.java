package dev.shipmate.bot.testing;

import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.deploy.DeployPipeline;
import dev.shipmate.pipelines.deploy.DeployRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real in-process pipeline under the {@code deploy} type, whose behaviour the test picks through
 * the version it deploys: {@code …-fail} fails at {@code wait-rollout} (and {@code set-image} is
 * undone, so the run is rolled back), {@code …-hold} waits at {@code wait-rollout} until the test
 * {@link #release}s the service, {@code …-idle} stays at {@code wait-rollout}, checked every 15 s,
 * until it is cancelled; anything else succeeds at once.
 */
public final class ScriptedDeployPipeline implements Pipeline<DeployRequest> {

  public static final String FAILURE = "3 pods in CrashLoopBackOff";

  private static final Set<String> released = ConcurrentHashMap.newKeySet();

  /** Lets a held deploy of {@code service} finish. */
  public static void release(String service) {
    released.add(service);
  }

  private final boolean pausable;

  public ScriptedDeployPipeline() {
    this(false);
  }

  /**
   * @param pausable whether its runs may be paused, as a cutover's or an upgrade's may
   */
  public ScriptedDeployPipeline(boolean pausable) {
    this.pausable = pausable;
  }

  @Override
  public boolean pausable() {
    return pausable;
  }

  @Override
  public String type() {
    return DeployPipeline.TYPE;
  }

  @Override
  public char idPrefix() {
    return 'd';
  }

  @Override
  public Class<DeployRequest> paramsType() {
    return DeployRequest.class;
  }

  @Override
  public LockKey lockKey(DeployRequest params) {
    return LockKey.of("deploy", params.environment() + "/" + params.service());
  }

  @Override
  public String summary(DeployRequest params) {
    return "deploy " + params.service() + " " + params.version() + " to " + params.environment();
  }

  @Override
  public List<Step<DeployRequest>> steps() {
    Step<DeployRequest> restore = Step.define("restore-image", ctx -> StepResult.done());
    return List.of(
        Step.<DeployRequest>define("set-image", ctx -> StepResult.done()).withUndo(restore),
        Step.define(
            "wait-rollout",
            ctx -> {
              DeployRequest params = ctx.params();
              if (params.version().endsWith("-fail")) {
                return StepResult.failed(FailureKind.PERMANENT, FAILURE);
              }
              if (params.version().endsWith("-idle")) {
                // Active for good, checked as seldom as a real rollout watch's fallback poll.
                return StepResult.running(Duration.ofSeconds(15), "idle until cancelled");
              }
              if (params.version().endsWith("-hold") && !released.contains(params.service())) {
                return StepResult.running(Duration.ofMillis(200), "waiting for the test");
              }
              return StepResult.done();
            }));
  }
}
