package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code watch-rollout}: waits for the rollouts an earlier step started, judged by {@link
 * RolloutJudge}, woken by watch events and polled as a fallback. Fails as soon as one fails, and
 * when it takes longer than its timeout. Shared by deploy and rollback; each says which
 * Deployments.
 */
final class WatchRolloutStep<P> implements Step<P> {
  static final String NAME = "watch-rollout";

  /** What to watch, read from the run's stored outputs. */
  @FunctionalInterface
  interface Source<P> {
    Watching of(StepContext<P> context);
  }

  /** Either rollouts to watch, or the reason there are none. */
  sealed interface Watching {
    record Rollouts(DeployTarget target, List<DeploymentRef> deployments) implements Watching {
      public Rollouts {
        Objects.requireNonNull(target, "target");
        deployments = List.copyOf(deployments);
      }
    }

    record Nothing(String reason) implements Watching {
      public Nothing {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  private final Source<P> source;
  private final RolloutCheck check;
  private final Duration timeout;

  WatchRolloutStep(Source<P> source, RolloutCheck check, Duration timeout) {
    this.source = Objects.requireNonNull(source, "source");
    this.check = Objects.requireNonNull(check, "check");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public StepResult execute(StepContext<P> context) {
    Watching watching = source.of(context);
    if (watching instanceof Watching.Nothing nothing) {
      return StepResult.skipped(nothing.reason());
    }
    Watching.Rollouts rollouts = (Watching.Rollouts) watching;
    if (rollouts.deployments().isEmpty()) {
      return StepResult.skipped("no Deployment was changed");
    }
    return check.check(context.runId(), rollouts.target(), rollouts.deployments(), "rollout");
  }

  @Override
  public void onCancel(StepContext<P> context) {
    check.stop(context.runId());
  }
}
