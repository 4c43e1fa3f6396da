package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Analysis;
import dev.shipmate.config.AnalysisCheck;
import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.analysis.AnalysisRun;
import dev.shipmate.pipelines.analysis.CheckMeasurer;
import dev.shipmate.pipelines.analysis.CheckTally;
import dev.shipmate.pipelines.analysis.CheckUnusableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's checks ({@code clusters.NAME.analysis}) after each batch of nodes: once a batch has
 * been replaced and the cluster validated, and before the next batch is cordoned, every check runs
 * its measurements on the engine's clock. When they pass, the upgrade goes on; when one fails (or
 * cannot be measured), the run pauses and asks a person: Go on (the next batch anyway) or Check
 * again (measure from the start); the card's Abort stops the upgrade there.
 *
 * <p>A batch is named by what the caller knows of it ({@code nodes 3}: the third node done; {@code
 * group general}: an EKS managed node group). Where each batch stands lives in this process only,
 * as the deploy's and cutover's bakes do: after a restart the checks of the batch in hand run again
 * from their first measurement, which costs time, never safety.
 */
final class BatchChecks {

  /** The answers to a failed check's question; stopping the run is the card's Abort. */
  static final String GO_ON = "go-on";

  static final String AGAIN = "check-again";

  /** The checks of one batch, while they run. */
  private record Batch(String key, AnalysisRun run) {}

  private final Analysis analysis;
  private final CheckMeasurer measurer;
  private final Map<RunId, Batch> running = new ConcurrentHashMap<>();

  /** The batches whose checks passed, per run: a step walks every group on every check. */
  private final Map<RunId, Set<String>> passed = new ConcurrentHashMap<>();

  BatchChecks(Analysis analysis, CheckMeasurer measurer) {
    this.analysis = Objects.requireNonNull(analysis, "analysis");
    this.measurer = Objects.requireNonNull(measurer, "measurer");
  }

  /**
   * What the step answers about the batch {@code key} now: empty once its checks passed (or a
   * person chose to go on), else a wait for the next measurement or a question.
   *
   * @param where the batch in words, for the card: {@code node 3/8}, {@code node group general}
   */
  Optional<StepResult> after(
      StepContext<UpgradeRequest> context, Cluster cluster, String key, String where) {
    List<AnalysisCheck> checks = analysis.upgradeChecks(cluster.name());
    RunId run = context.runId();
    if (checks.isEmpty() || passed.getOrDefault(run, Set.of()).contains(key)) {
      return Optional.empty();
    }
    Instant now = context.now();
    Optional<Decision> decision = context.decision();
    if (decision.isPresent() && GO_ON.equals(decision.get().choice())) {
      running.remove(run);
      passed(run, key);
      return Optional.of(
          StepResult.running(
              Duration.ZERO,
              where + ": " + decision.get().by() + " chose to go on despite the failed check"));
    }
    Batch batch = running.get(run);
    if (batch == null
        || !batch.key().equals(key)
        || (decision.isPresent() && AGAIN.equals(decision.get().choice()))) {
      Map<String, String> names =
          Map.of("cluster", cluster.name(), "version", context.params().version());
      batch = new Batch(key, AnalysisRun.start(checks, names, now));
    }
    AnalysisRun measured;
    try {
      measured = batch.run().measure(now, measurer, analysis.prometheusFor(cluster.name()));
    } catch (CheckUnusableException e) {
      running.remove(run);
      return Optional.of(StepResult.ask(question(where, e.getMessage())));
    }
    Optional<CheckTally> failed = measured.failed();
    if (failed.isPresent()) {
      running.remove(run);
      return Optional.of(StepResult.ask(question(where, "check " + failed.get().failure())));
    }
    if (measured.complete()) {
      running.remove(run);
      passed(run, key);
      return Optional.of(
          StepResult.running(Duration.ZERO, where + ": the checks passed: " + measured.summary()));
    }
    running.put(run, new Batch(key, measured));
    return Optional.of(
        StepResult.running(
            measured.nextIn(now).orElse(Duration.ZERO),
            where + ": checking the cluster before the next nodes: " + measured.summary()));
  }

  private void passed(RunId run, String key) {
    passed.computeIfAbsent(run, r -> ConcurrentHashMap.newKeySet()).add(key);
  }

  /** Forgets the run's batches (it ended, or was cancelled). */
  void forget(RunId run) {
    running.remove(run);
    passed.remove(run);
  }

  private static Question question(String where, String why) {
    return new Question(
        where
            + ": "
            + why
            + ". The upgrade is paused before the next nodes. Go on upgrades them anyway; Check"
            + " again measures the checks from the start; Abort stops the upgrade here (nodes"
            + " already replaced stay replaced).",
        List.of(Question.Choice.of(GO_ON, "Go on"), Question.Choice.of(AGAIN, "Check again")));
  }
}
