package dev.shipmate.sandbox.kubernetes.controller.deployment;

import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status as the real controller writes it: the counts summed over its ReplicaSets
 * (zero counts left out, as the API's omitempty leaves them out), the Available condition, and the
 * Progressing condition with its reasons, its update time moved only by progress, and {@code
 * ProgressDeadlineExceeded} when no progress came in time.
 */
final class RolloutStatus {

  private RolloutStatus() {}

  static void checkPaused(
      boolean paused, boolean hasDeadline, DeploymentConditions conditions, String now) {
    if (!hasDeadline) {
      return;
    }
    Optional<DeploymentCondition> progressing = conditions.get(DeploymentConditions.PROGRESSING);
    boolean wasPaused =
        progressing.map(c -> "DeploymentPaused".equals(c.getReason())).orElse(false);
    if (paused && !wasPaused) {
      conditions.set(
          DeploymentConditions.PROGRESSING,
          "Unknown",
          "DeploymentPaused",
          "Deployment is paused",
          now);
    } else if (!paused && wasPaused) {
      conditions.set(
          DeploymentConditions.PROGRESSING,
          "Unknown",
          "DeploymentResumed",
          "Deployment is resumed",
          now);
    }
  }

  static DeploymentStatus calculate(
      Deployment deployment,
      List<ReplicaSet> all,
      Optional<ReplicaSet> newReplicaSet,
      RolloutLimits limits,
      DeploymentConditions conditions,
      Integer collisionCount,
      String now) {
    int desired = RolloutLimits.replicas(deployment);
    int available = all.stream().mapToInt(ReplicaSets::available).sum();
    int specTotal = all.stream().mapToInt(ReplicaSets::replicas).sum();
    int unavailable = Math.max(specTotal - available, 0);
    int actual = all.stream().mapToInt(ReplicaSets::actual).sum();
    int updated = newReplicaSet.map(ReplicaSets::actual).orElse(0);
    int ready = all.stream().mapToInt(ReplicaSets::ready).sum();
    if (available >= desired - limits.maxUnavailable()) {
      conditions.set(
          DeploymentConditions.AVAILABLE,
          "True",
          "MinimumReplicasAvailable",
          "Deployment has minimum availability.",
          now);
    } else {
      conditions.set(
          DeploymentConditions.AVAILABLE,
          "False",
          "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.",
          now);
    }
    return new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(ReplicaSets.omitZero(actual))
        .withUpdatedReplicas(ReplicaSets.omitZero(updated))
        .withReadyReplicas(ReplicaSets.omitZero(ready))
        .withAvailableReplicas(ReplicaSets.omitZero(available))
        .withUnavailableReplicas(ReplicaSets.omitZero(unavailable))
        .withCollisionCount(collisionCount)
        .withConditions(conditions.toList())
        .build();
  }

  static void syncProgress(
      Deployment deployment,
      DeploymentStatus status,
      Optional<ReplicaSet> newReplicaSet,
      DeploymentConditions conditions,
      Instant now,
      Wakeups wakeups) {
    String timestamp = Json.timestamp(now);
    Optional<DeploymentCondition> current = conditions.get(DeploymentConditions.PROGRESSING);
    boolean alreadyComplete =
        ReplicaSets.value(status.getReplicas()) == ReplicaSets.value(status.getUpdatedReplicas())
            && current.map(c -> "NewReplicaSetAvailable".equals(c.getReason())).orElse(false);
    if (alreadyComplete) {
      return;
    }
    String subject =
        newReplicaSet
            .map(rs -> "ReplicaSet \"" + rs.getMetadata().getName() + "\"")
            .orElse("Deployment \"" + deployment.getMetadata().getName() + "\"");
    if (isComplete(deployment, status)) {
      conditions.set(
          DeploymentConditions.PROGRESSING,
          "True",
          "NewReplicaSetAvailable",
          subject + " has successfully progressed.",
          timestamp);
    } else if (madeProgress(deployment.getStatus(), status)) {
      conditions.refresh(
          DeploymentConditions.PROGRESSING,
          "True",
          "ReplicaSetUpdated",
          subject + " is progressing.",
          timestamp);
    } else if (timedOut(deployment, current, now)) {
      conditions.set(
          DeploymentConditions.PROGRESSING,
          "False",
          "ProgressDeadlineExceeded",
          subject + " has timed out progressing.",
          timestamp);
    }
    conditions
        .get(DeploymentConditions.PROGRESSING)
        .filter(
            c ->
                !"NewReplicaSetAvailable".equals(c.getReason())
                    && !"ProgressDeadlineExceeded".equals(c.getReason())
                    && c.getLastUpdateTime() != null)
        .ifPresent(
            c ->
                wakeups.at(
                    Instant.parse(c.getLastUpdateTime())
                        .plusSeconds(deployment.getSpec().getProgressDeadlineSeconds())
                        .plusSeconds(1)));
  }

  private static boolean timedOut(
      Deployment deployment, Optional<DeploymentCondition> condition, Instant now) {
    if (condition.isEmpty()) {
      return false;
    }
    String reason = condition.get().getReason();
    if ("NewReplicaSetAvailable".equals(reason)) {
      return false;
    }
    if ("ProgressDeadlineExceeded".equals(reason)) {
      return true;
    }
    if (condition.get().getLastUpdateTime() == null) {
      return false;
    }
    Instant from = Instant.parse(condition.get().getLastUpdateTime());
    return from.plusSeconds(deployment.getSpec().getProgressDeadlineSeconds()).isBefore(now);
  }

  private static boolean madeProgress(DeploymentStatus before, DeploymentStatus after) {
    if (before == null) {
      before = new DeploymentStatus();
    }
    int oldBefore =
        ReplicaSets.value(before.getReplicas()) - ReplicaSets.value(before.getUpdatedReplicas());
    int oldAfter =
        ReplicaSets.value(after.getReplicas()) - ReplicaSets.value(after.getUpdatedReplicas());
    return ReplicaSets.value(after.getUpdatedReplicas())
            > ReplicaSets.value(before.getUpdatedReplicas())
        || oldAfter < oldBefore
        || ReplicaSets.value(after.getReadyReplicas())
            > ReplicaSets.value(before.getReadyReplicas())
        || ReplicaSets.value(after.getAvailableReplicas())
            > ReplicaSets.value(before.getAvailableReplicas());
  }

  static boolean isComplete(Deployment deployment, DeploymentStatus status) {
    int desired = RolloutLimits.replicas(deployment);
    return ReplicaSets.value(status.getUpdatedReplicas()) == desired
        && ReplicaSets.value(status.getReplicas()) == desired
        && ReplicaSets.value(status.getAvailableReplicas()) == desired
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() >= deployment.getMetadata().getGeneration();
  }

  static boolean hasProgressDeadline(Deployment deployment) {
    Integer seconds = deployment.getSpec().getProgressDeadlineSeconds();
    return seconds != null && seconds != Integer.MAX_VALUE;
  }
}
