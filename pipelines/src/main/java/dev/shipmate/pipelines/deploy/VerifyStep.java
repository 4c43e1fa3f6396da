package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Analysis;
import dev.shipmate.config.AnalysisCheck;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.analysis.CheckTally;
import dev.shipmate.pipelines.analysis.Measurement;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import dev.shipmate.pipelines.analysis.PrometheusQueryException;
import dev.shipmate.pipelines.analysis.QueryTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code verify}: the bake after a deploy's rollout. Measures each of the environment's {@code
 * verify} checks every {@code interval} until it has its {@code count} of measurements, all on the
 * engine's clock: each wait is a "check again after", never a sleeping thread. A check with more
 * failed measurements than its {@code failureLimit} fails the step at once, naming the query and
 * the value; the engine then undoes {@code set-image}, and the run ends ROLLED_BACK.
 *
 * <p>The tallies live in this process only (the engine stores a step's output once it is done):
 * after a restart, or on another replica, the bake starts again from its first measurement. That
 * costs time, never safety.
 */
final class VerifyStep implements Step<DeployRequest> {
  static final String NAME = "verify";

  /** Beyond the longest check: time for slow answers and for a run paused between checks. */
  static final Duration MARGIN = Duration.ofMinutes(10);

  private final DeployTargets targets;
  private final Analysis analysis;
  private final PrometheusClient prometheus;
  private final Duration timeout;
  private final Map<RunId, List<CheckTally>> tallies = new ConcurrentHashMap<>();

  VerifyStep(DeployTargets targets, Analysis analysis, PrometheusClient prometheus) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.analysis = Objects.requireNonNull(analysis, "analysis");
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.timeout =
        analysis.checks().values().stream()
            .map(AnalysisCheck::duration)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO)
            .plus(MARGIN);
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
  public StepResult execute(StepContext<DeployRequest> context) {
    DeployRequest request = context.params();
    List<AnalysisCheck> checks = analysis.verifyChecks(request.environment());
    if (checks.isEmpty()) {
      return StepResult.skipped("no verify checks for " + request.environment());
    }
    DeployPlan plan = context.output(PlanDeployStep.NAME, DeployPlan.class);
    if (plan.alreadyDeployed()) {
      return StepResult.skipped("nothing was deployed, so nothing to verify");
    }
    DeployTarget target = targets.forStep(request.service(), request.environment());
    RunId run = context.runId();
    Instant now = context.now();
    List<CheckTally> before =
        tallies.computeIfAbsent(run, r -> start(checks, request, target, now));

    List<CheckTally> after = new ArrayList<>();
    for (CheckTally tally : before) {
      CheckTally next = tally.due(now) ? measure(tally, target, now) : tally;
      if (next.failedCheck()) {
        tallies.remove(run);
        return StepResult.failed(FailureKind.PERMANENT, next.failure());
      }
      after.add(next);
    }
    if (after.stream().allMatch(CheckTally::complete)) {
      tallies.remove(run);
      List<String> figures = after.stream().map(CheckTally::summary).toList();
      return StepResult.done(new Verified(figures), String.join(" · ", figures));
    }
    tallies.put(run, after);
    Instant nextAt =
        after.stream()
            .filter(t -> !t.complete())
            .map(CheckTally::nextAt)
            .min(Instant::compareTo)
            .orElse(now);
    Duration wait = Duration.between(now, nextAt);
    return StepResult.running(
        wait.isNegative() ? Duration.ZERO : wait,
        after.stream().map(CheckTally::summary).collect(Collectors.joining(" · ")));
  }

  @Override
  public void onCancel(StepContext<DeployRequest> context) {
    tallies.remove(context.runId());
  }

  private CheckTally measure(CheckTally tally, DeployTarget target, Instant now) {
    String url =
        analysis
            .prometheusFor(target.cluster().name())
            .orElseThrow(
                () ->
                    StepException.permanent(
                        "no Prometheus for cluster "
                            + target.cluster().name()
                            + " (prometheus.url)"));
    try {
      Measurement measurement = prometheus.query(url, tally.query());
      return tally.record(measurement, now);
    } catch (PrometheusQueryException e) {
      throw StepException.permanent(
          tally.check().name() + ": " + e.getMessage() + ". Query: " + tally.query());
    }
  }

  private static List<CheckTally> start(
      List<AnalysisCheck> checks, DeployRequest request, DeployTarget target, Instant now) {
    Map<String, String> names =
        Map.of(
            "service", request.service(),
            "namespace", target.environment().namespace(),
            "environment", request.environment(),
            "version", request.version(),
            "cluster", target.cluster().name());
    return checks.stream().map(check -> CheckTally.start(check, query(check, names), now)).toList();
  }

  private static String query(AnalysisCheck check, Map<String, String> names) {
    return QueryTemplate.fill(((AnalysisCheck.Prometheus) check.source()).query(), names);
  }
}
