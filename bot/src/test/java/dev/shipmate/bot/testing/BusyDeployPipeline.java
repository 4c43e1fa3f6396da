package dev.shipmate.bot.testing;

import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.deploy.DeployPipeline;
import dev.shipmate.pipelines.deploy.DeployRequest;
import java.time.Duration;
import java.util.List;

/**
 * A real in-process pipeline under the {@code deploy} type whose runs keep their cards busy: one
 * step that reports new progress ({@code 3 of 10 pods updated}) every {@code poll} for {@code
 * lasting}, then succeeds. Its lock is per version, so that many runs of one service go at once.
 */
public final class BusyDeployPipeline implements Pipeline<DeployRequest> {

  public static final int PODS = 10;

  private final Duration lasting;
  private final Duration poll;

  public BusyDeployPipeline(Duration lasting, Duration poll) {
    this.lasting = lasting;
    this.poll = poll;
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
    return LockKey.of(
        "deploy", params.environment() + "/" + params.service() + "@" + params.version());
  }

  @Override
  public String summary(DeployRequest params) {
    return "deploy " + params.service() + " " + params.version() + " to " + params.environment();
  }

  @Override
  public List<Step<DeployRequest>> steps() {
    return List.of(
        Step.define(
            "roll-out",
            ctx -> {
              Duration gone = Duration.between(ctx.stepStartedAt(), ctx.now());
              if (gone.compareTo(lasting) >= 0) {
                return StepResult.done();
              }
              long updated = gone.toMillis() * PODS / Math.max(1, lasting.toMillis());
              return StepResult.running(poll, updated + " of " + PODS + " pods updated");
            }));
  }
}
