package dev.shipmate.sandbox.kubernetes.controller.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Counts read off ReplicaSets, with the API's absent-means-zero (and absent-means-one) rules. */
final class ReplicaSets {

  private ReplicaSets() {}

  static Comparator<ReplicaSet> byRevision() {
    return Comparator.comparingInt(ReplicaSets::revision)
        .thenComparing(rs -> rs.getMetadata().getCreationTimestamp())
        .thenComparing(rs -> rs.getMetadata().getName());
  }

  static int maxRevision(List<ReplicaSet> replicaSets) {
    return replicaSets.stream().mapToInt(ReplicaSets::revision).max().orElse(0);
  }

  static int revision(ReplicaSet rs) {
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    if (annotations == null || annotations.get(DeploymentController.REVISION) == null) {
      return 0;
    }
    try {
      return Integer.parseInt(annotations.get(DeploymentController.REVISION));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static int replicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  static int actual(ReplicaSet rs) {
    return rs.getStatus() == null ? 0 : value(rs.getStatus().getReplicas());
  }

  static int ready(ReplicaSet rs) {
    return rs.getStatus() == null ? 0 : value(rs.getStatus().getReadyReplicas());
  }

  static int available(ReplicaSet rs) {
    return rs.getStatus() == null ? 0 : value(rs.getStatus().getAvailableReplicas());
  }

  static int value(Integer number) {
    return number == null ? 0 : number;
  }

  static Integer omitZero(int number) {
    return number == 0 ? null : number;
  }
}
