package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Analysis;
import dev.shipmate.config.AnalysisCheck;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Durations;
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

/**
 * {@code wave-N-bake}: the bake between waves. The environment's {@code verify} checks, as {@code
 * verify} runs them after a deploy in one cluster, measured in each cluster of wave N ({@code
 * {cluster}} filled in with that cluster, asking that cluster's Prometheus) on the engine's clock;
 * and, for every wave but the last, the environment's {@code bake} time from the end of the wave's
 * rollout. The next wave starts only once both are over and every check passed in every cluster of
 * this one; a check that fails in one cluster fails the step, naming the cluster, the query and its
 * value, and the engine undoes this wave and the ones before it.
 *
 * <p>Like {@code verify}'s, the tallies live in this process only: after a restart the bake starts
 * again from its first measurement. That costs time, never safety.
 */
final class WaveBakeStep implements Step<DeployRequest> {
  private final int wave;
  private final WaveTargets waves;
  private final Analysis analysis;
  private final PrometheusClient prometheus;
  private final Duration timeout;
  private final Map<RunId, List<ClusterTally>> tallies = new ConcurrentHashMap<>();

  /** A check measured in one cluster. */
  private record ClusterTally(DeployTarget target, CheckTally tally) {
    String summary() {
      return target.cluster().name() + " " + tally.summary();
    }
  }

  /**
   * @param longestBake the longest {@code bake} of the environments in waves, for the timeout
   */
  WaveBakeStep(
      int wave,
      WaveTargets waves,
      Analysis analysis,
      PrometheusClient prometheus,
      Duration longestBake) {
    this.wave = wave;
    this.waves = Objects.requireNonNull(waves, "waves");
    this.analysis = Objects.requireNonNull(analysis, "analysis");
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    Duration longestCheck =
        analysis.checks().values().stream()
            .map(AnalysisCheck::duration)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
    this.timeout =
        (longestCheck.compareTo(longestBake) > 0 ? longestCheck : longestBake)
            .plus(VerifyStep.MARGIN);
  }

  @Override
  public String name() {
    return "wave-" + (wave + 1) + "-bake";
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public StepResult execute(StepContext<DeployRequest> context) {
    DeployRequest request = context.params();
    List<List<DeployTarget>> all = waves.forStep(request);
    if (wave >= all.size()) {
      return StepResult.skipped(WaveSetImageStep.noSuchWave(request, all.size()));
    }
    List<AnalysisCheck> checks = analysis.verifyChecks(request.environment());
    // After the last wave there is no next wave to protect: only its checks run.
    Duration bake =
        wave == all.size() - 1 ? Duration.ZERO : all.get(wave).get(0).environment().bake();
    if (checks.isEmpty() && bake.isZero()) {
      return StepResult.skipped("no bake time or verify checks for " + request.environment());
    }
    if (context.findOutput(WaveSetImageStep.name(wave), WaveChange.class).isEmpty()) {
      return StepResult.skipped("nothing was deployed in this wave, so nothing to bake");
    }
    RunId run = context.runId();
    Instant now = context.now();
    Instant bakedAt = context.stepStartedAt().plus(bake);
    List<ClusterTally> before =
        tallies.computeIfAbsent(run, r -> start(checks, request, all.get(wave), now));

    List<ClusterTally> after = new ArrayList<>();
    for (ClusterTally each : before) {
      CheckTally next = each.tally().due(now) ? measure(each, now) : each.tally();
      if (next.failedCheck()) {
        tallies.remove(run);
        return StepResult.failed(
            FailureKind.PERMANENT,
            "cluster " + each.target().cluster().name() + ": " + next.failure());
      }
      after.add(new ClusterTally(each.target(), next));
    }
    List<String> figures = new ArrayList<>(after.stream().map(ClusterTally::summary).toList());
    boolean checked = after.stream().allMatch(t -> t.tally().complete());
    if (checked && !now.isBefore(bakedAt)) {
      tallies.remove(run);
      if (!bake.isZero()) {
        figures.add("baked " + Durations.words(bake));
      }
      return StepResult.done(new Verified(figures), String.join(" · ", figures));
    }
    tallies.put(run, after);
    Instant nextAt =
        after.stream()
            .map(ClusterTally::tally)
            .filter(t -> !t.complete())
            .map(CheckTally::nextAt)
            .min(Instant::compareTo)
            .orElse(bakedAt);
    if (now.isBefore(bakedAt)) {
      figures.add(
          "baking "
              + Durations.words(bake)
              + ", "
              + Durations.words(Duration.between(now, bakedAt))
              + " left");
      nextAt = nextAt.isBefore(bakedAt) ? nextAt : bakedAt;
    }
    Duration wait = Duration.between(now, nextAt);
    return StepResult.running(
        wait.isNegative() ? Duration.ZERO : wait, String.join(" · ", figures));
  }

  @Override
  public void onCancel(StepContext<DeployRequest> context) {
    tallies.remove(context.runId());
  }

  private CheckTally measure(ClusterTally each, Instant now) {
    String cluster = each.target().cluster().name();
    CheckTally tally = each.tally();
    String url =
        analysis
            .prometheusFor(cluster)
            .orElseThrow(
                () ->
                    StepException.permanent(
                        "no Prometheus for cluster " + cluster + " (prometheus.url)"));
    try {
      Measurement measurement = prometheus.query(url, tally.query());
      return tally.record(measurement, now);
    } catch (PrometheusQueryException e) {
      throw StepException.permanent(
          "cluster "
              + cluster
              + ": "
              + tally.check().name()
              + ": "
              + e.getMessage()
              + ". Query: "
              + tally.query());
    }
  }

  private static List<ClusterTally> start(
      List<AnalysisCheck> checks, DeployRequest request, List<DeployTarget> clusters, Instant now) {
    List<ClusterTally> tallies = new ArrayList<>();
    for (DeployTarget target : clusters) {
      Map<String, String> names =
          Map.of(
              "service", request.service(),
              "namespace", target.environment().namespace(),
              "environment", request.environment(),
              "version", request.version(),
              "cluster", target.cluster().name());
      for (AnalysisCheck check : checks) {
        String query =
            QueryTemplate.fill(((AnalysisCheck.Prometheus) check.source()).query(), names);
        tallies.add(new ClusterTally(target, CheckTally.start(check, query, now)));
      }
    }
    return tallies;
  }
}
