package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.StepException;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.deploy.RolloutState.Complete;
import dev.shipmate.pipelines.deploy.RolloutState.Failed;
import dev.shipmate.pipelines.deploy.RolloutState.Progressing;
import dev.shipmate.pipelines.kubernetes.DeploymentGateway;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One look at the rollouts of some Deployments, as a step answers it: done when every one is
 * complete, failed as soon as one fails (naming the Deployment, the pod and the reason), otherwise
 * "check again" at the fallback poll, or sooner when a pod's grace period runs out first. Watches
 * the Deployments meanwhile, so that a change wakes the run before the poll. Shared by the deploy's
 * watch, the rollback's watch and the undos, which watch their own restore.
 */
final class RolloutCheck {
  private final DeploymentGateways gateways;
  private final RolloutWatches watches;
  private final Clock clock;
  private final DeploySettings settings;

  RolloutCheck(
      DeploymentGateways gateways, RolloutWatches watches, Clock clock, DeploySettings settings) {
    this.gateways = Objects.requireNonNull(gateways, "gateways");
    this.watches = Objects.requireNonNull(watches, "watches");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @param what the change being watched, for messages: {@code rollout} or {@code rollback}
   */
  StepResult check(RunId run, DeployTarget target, List<DeploymentRef> deployments, String what) {
    // Registered before reading, so that a change after this read still wakes the run.
    deployments.forEach(ref -> watches.watch(target.cluster(), ref, run));
    Map<DeploymentRef, RolloutState> states = new LinkedHashMap<>();
    Optional<String> failed = judge(run, target, deployments, what, states);
    if (failed.isPresent()) {
      return StepResult.failed(FailureKind.PERMANENT, failed.get());
    }
    if (states.values().stream().allMatch(Complete.class::isInstance)) {
      watches.unwatch(run);
      return StepResult.done();
    }
    return StepResult.running(checkAfter(states.values()), progress(states));
  }

  /**
   * The same look at rollouts in several clusters at once (a wave of a deploy): done when every one
   * is complete, failed as soon as one fails, naming its cluster; the progress names each cluster.
   */
  StepResult check(RunId run, List<ClusterRollouts> rollouts, String what) {
    for (ClusterRollouts each : rollouts) {
      each.deployments().forEach(ref -> watches.watch(each.target().cluster(), ref, run));
    }
    List<RolloutState> all = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (ClusterRollouts each : rollouts) {
      Map<DeploymentRef, RolloutState> states = new LinkedHashMap<>();
      Optional<String> failed = judge(run, each.target(), each.deployments(), what, states);
      String cluster = each.target().cluster().name();
      if (failed.isPresent()) {
        return StepResult.failed(FailureKind.PERMANENT, "cluster " + cluster + ": " + failed.get());
      }
      all.addAll(states.values());
      parts.add(
          cluster
              + ": "
              + (states.values().stream().allMatch(Complete.class::isInstance)
                  ? "done"
                  : progress(states)));
    }
    if (all.stream().allMatch(Complete.class::isInstance)) {
      watches.unwatch(run);
      return StepResult.done();
    }
    return StepResult.running(checkAfter(all), String.join(" · ", parts));
  }

  /** Some of a run's Deployments in one cluster, whose rollouts are watched together. */
  record ClusterRollouts(DeployTarget target, List<DeploymentRef> deployments) {
    ClusterRollouts {
      Objects.requireNonNull(target, "target");
      deployments = List.copyOf(deployments);
    }
  }

  /** Judges each Deployment into {@code states}; the failure, if one failed (watches dropped). */
  private Optional<String> judge(
      RunId run,
      DeployTarget target,
      List<DeploymentRef> deployments,
      String what,
      Map<DeploymentRef, RolloutState> states) {
    DeploymentGateway gateway = gateways.on(target.cluster());
    RolloutJudge judge = new RolloutJudge(clock, settings.gracePeriod());
    for (DeploymentRef ref : deployments) {
      DeploymentSnapshot snapshot =
          gateway
              .snapshot(ref)
              .orElseThrow(
                  () -> {
                    watches.unwatch(run);
                    return StepException.permanent(
                        "Deployment "
                            + ref.name()
                            + " disappeared from namespace "
                            + ref.namespace()
                            + " during its "
                            + what
                            + ": find out who deleted it before deploying again.");
                  });
      RolloutState state = judge.judge(snapshot);
      if (state instanceof Failed failed) {
        watches.unwatch(run);
        return Optional.of(failure(what, ref, failed));
      }
      states.put(ref, state);
    }
    return Optional.empty();
  }

  /** The step was cancelled or timed out: it no longer waits on anything. */
  void stop(RunId run) {
    watches.unwatch(run);
  }

  private Duration checkAfter(Iterable<RolloutState> states) {
    Instant now = clock.instant();
    Duration after = settings.fallbackPoll();
    for (RolloutState state : states) {
      if (state instanceof Progressing progressing && progressing.recheckBy().isPresent()) {
        Duration untilGraceEnds = Duration.between(now, progressing.recheckBy().get());
        if (untilGraceEnds.compareTo(after) < 0) {
          after = untilGraceEnds.isNegative() ? Duration.ZERO : untilGraceEnds;
        }
      }
    }
    return after;
  }

  private static String progress(Map<DeploymentRef, RolloutState> states) {
    if (states.size() == 1) {
      return states.values().iterator().next().text();
    }
    List<String> parts = new ArrayList<>();
    states.forEach((ref, state) -> parts.add(ref.name() + ": " + state.text()));
    return parts.stream().collect(Collectors.joining("; "));
  }

  private static String failure(String what, DeploymentRef ref, Failed failed) {
    String detail = failed.detail().replaceAll("[.\\s]+$", "");
    String reason = detail.contains(failed.reason()) ? "" : " (" + failed.reason() + ")";
    return what + " of Deployment " + ref.name() + " failed" + reason + ": " + detail;
  }
}
