package dev.shipmate.pipelines.preview;

import dev.shipmate.pipelines.deploy.RolloutJudge;
import dev.shipmate.pipelines.deploy.RolloutState;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a preview by its Deployments, each by the rules of {@link RolloutJudge} ({@code kubectl
 * rollout status}, plus new pods that cannot start): ready when every one is complete, failed as
 * soon as one has failed, waiting otherwise. Pure, like the judge it applies.
 *
 * <p>Given Deployments without their ReplicaSets and pods (as {@code /env list} reads them), only
 * the status counts are judged: {@code observedGeneration >= generation} and every replica updated
 * and available.
 */
public final class ReadinessJudge {
  private final RolloutJudge rollouts;

  public ReadinessJudge(RolloutJudge rollouts) {
    this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
  }

  public Readiness judge(List<DeploymentSnapshot> deployments) {
    List<DeploymentSnapshot> sorted =
        deployments.stream().sorted(Comparator.comparing(ReadinessJudge::name)).toList();
    List<String> waiting = new ArrayList<>();
    Optional<Instant> recheckBy = Optional.empty();
    for (DeploymentSnapshot snapshot : sorted) {
      RolloutState state = rollouts.judge(snapshot);
      if (state instanceof RolloutState.Failed failed) {
        return new Readiness.Failed(name(snapshot), failed.reason(), failed.detail());
      }
      if (state instanceof RolloutState.Progressing progressing) {
        waiting.add(name(snapshot) + ": " + progressing.text());
        recheckBy = earliest(recheckBy, progressing.recheckBy());
      } else if (state instanceof RolloutState.Paused paused) {
        waiting.add(name(snapshot) + ": " + paused.text());
      }
    }
    if (waiting.isEmpty()) {
      return new Readiness.Ready(sorted.stream().map(ReadinessJudge::name).toList());
    }
    return new Readiness.Waiting(String.join("; ", waiting), recheckBy);
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }

  private static String name(DeploymentSnapshot snapshot) {
    return snapshot.deployment().getMetadata().getName();
  }
}
