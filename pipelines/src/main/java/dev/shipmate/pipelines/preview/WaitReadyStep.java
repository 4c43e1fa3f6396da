package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code wait-ready}: waits until every Deployment of the preview is available, judged by {@link
 * ReadinessJudge}. It answers "check again" and is woken by a watch on the namespace's Deployments
 * (polled as a fallback), so no thread waits; it fails as soon as a rollout fails.
 */
final class WaitReadyStep implements Step<PreviewUpRequest> {
  static final String NAME = "wait-ready";
  static final Duration FALLBACK_POLL = Duration.ofSeconds(15);
  static final Duration TIMEOUT = Duration.ofMinutes(15);

  private final PreviewGateway gateway;
  private final PreviewSite site;
  private final PreviewWatches watches;
  private final ReadinessJudge judge;

  WaitReadyStep(
      PreviewGateway gateway, PreviewSite site, PreviewWatches watches, ReadinessJudge judge) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.site = Objects.requireNonNull(site, "site");
    this.watches = Objects.requireNonNull(watches, "watches");
    this.judge = Objects.requireNonNull(judge, "judge");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Duration timeout() {
    return TIMEOUT;
  }

  @Override
  public StepResult execute(StepContext<PreviewUpRequest> context) {
    String namespace = site.namespace(context.params().pr());
    // Registered before reading, so that a change after this read still wakes the run.
    watches.watch(namespace, context.runId());
    Readiness readiness = judge.judge(gateway.deployments(namespace));
    if (readiness instanceof Readiness.Ready) {
      watches.unwatch(context.runId());
      return StepResult.done();
    }
    if (readiness instanceof Readiness.Failed failed) {
      watches.unwatch(context.runId());
      return StepResult.failed(
          FailureKind.PERMANENT,
          "the preview in namespace " + namespace + " did not start: " + failed.text());
    }
    Readiness.Waiting waiting = (Readiness.Waiting) readiness;
    return StepResult.running(checkAfter(waiting, context.now()), waiting.text());
  }

  @Override
  public void onCancel(StepContext<PreviewUpRequest> context) {
    watches.unwatch(context.runId());
  }

  private static Duration checkAfter(Readiness.Waiting waiting, Instant now) {
    if (waiting.recheckBy().isEmpty()) {
      return FALLBACK_POLL;
    }
    Duration untilGraceEnds = Duration.between(now, waiting.recheckBy().get());
    if (untilGraceEnds.isNegative()) {
      return Duration.ZERO;
    }
    return untilGraceEnds.compareTo(FALLBACK_POLL) < 0 ? untilGraceEnds : FALLBACK_POLL;
  }
}
