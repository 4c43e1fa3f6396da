package dev.shipmate.pipelines.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment with the ReplicaSets it owns and their pods, read together: everything a step judges
 * a rollout by. The fabric8 objects are the API's own; treat them as read-only.
 */
public record DeploymentSnapshot(
    Deployment deployment, List<ReplicaSet> replicaSets, List<Pod> pods) {

  public DeploymentSnapshot {
    Objects.requireNonNull(deployment, "deployment");
    replicaSets = List.copyOf(replicaSets);
    pods = List.copyOf(pods);
  }

  public DeploymentRef ref() {
    return new DeploymentRef(
        deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
  }

  /**
   * The Deployment's revision (its {@code deployment.kubernetes.io/revision}), 0 if it has none.
   */
  public long revision() {
    return Revision.number(deployment.getMetadata().getAnnotations()).orElse(0L);
  }

  /**
   * The ReplicaSet whose template is the Deployment's, but for the hash label: the one the
   * controller scales up. The oldest such one when there are several, as the controller picks.
   * Empty until the controller has made it.
   */
  public Optional<ReplicaSet> newReplicaSet() {
    return replicaSets.stream()
        .filter(
            rs ->
                PodTemplates.equalIgnoringHash(
                    rs.getSpec().getTemplate(), deployment.getSpec().getTemplate()))
        .min(
            Comparator.comparing(DeploymentSnapshot::created)
                .thenComparing(DeploymentSnapshot::name));
  }

  /** The pods of the new ReplicaSet, told by its {@code pod-template-hash}. */
  public List<Pod> newPods() {
    return newReplicaSet()
        .flatMap(DeploymentSnapshot::hash)
        .map(
            hash ->
                pods.stream()
                    .filter(pod -> hash.equals(label(pod.getMetadata(), PodTemplates.HASH_LABEL)))
                    .toList())
        .orElse(List.of());
  }

  /** The rollout history, oldest revision first; ReplicaSets without a revision are left out. */
  public List<Revision> revisions() {
    return replicaSets.stream()
        .map(Revision::of)
        .flatMap(Optional::stream)
        .sorted(Comparator.comparingLong(Revision::number))
        .toList();
  }

  /** The ReplicaSet of a revision name, if this snapshot has it. */
  public Optional<ReplicaSet> replicaSet(String name) {
    return replicaSets.stream().filter(rs -> name.equals(name(rs))).findFirst();
  }

  private static Optional<String> hash(ReplicaSet replicaSet) {
    String hash = label(replicaSet.getMetadata(), PodTemplates.HASH_LABEL);
    if (hash == null && replicaSet.getSpec().getTemplate() != null) {
      hash = label(replicaSet.getSpec().getTemplate().getMetadata(), PodTemplates.HASH_LABEL);
    }
    return Optional.ofNullable(hash);
  }

  private static String label(ObjectMeta metadata, String key) {
    if (metadata == null) {
      return null;
    }
    Map<String, String> labels = metadata.getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static Instant created(ReplicaSet replicaSet) {
    return Timestamps.parse(replicaSet.getMetadata().getCreationTimestamp()).orElse(Instant.MIN);
  }

  private static String name(ReplicaSet replicaSet) {
    return replicaSet.getMetadata().getName();
  }
}
