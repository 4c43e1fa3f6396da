package dev.shipmate.pipelines.kubernetes;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a Deployment's rollout history, as {@code kubectl rollout history} shows it: a
 * ReplicaSet with its revision number, the image of each container, the change-cause annotation and
 * how many pods it runs now.
 */
public record Revision(
    long number,
    String replicaSet,
    Map<String, String> images,
    Optional<String> changeCause,
    int replicas) {

  /** The annotation the Deployment controller numbers Deployments and ReplicaSets with. */
  public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

  /** The annotation {@code kubectl rollout history} shows as CHANGE-CAUSE. */
  public static final String CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";

  public Revision {
    images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
  }

  /** The revision a ReplicaSet carries; empty when it has no readable revision annotation. */
  public static Optional<Revision> of(ReplicaSet replicaSet) {
    return number(replicaSet.getMetadata().getAnnotations())
        .map(
            number ->
                new Revision(
                    number,
                    replicaSet.getMetadata().getName(),
                    PodTemplates.images(replicaSet.getSpec().getTemplate()),
                    Optional.ofNullable(annotation(replicaSet, CHANGE_CAUSE_ANNOTATION)),
                    replicas(replicaSet)));
  }

  /** The image of a container in this revision, if it has that container. */
  public Optional<String> imageOf(String container) {
    return Optional.ofNullable(images.get(container));
  }

  /** The revision number in a set of annotations, when there is a readable one. */
  static Optional<Long> number(Map<String, String> annotations) {
    if (annotations == null || annotations.get(REVISION_ANNOTATION) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(annotations.get(REVISION_ANNOTATION).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String annotation(ReplicaSet replicaSet, String key) {
    Map<String, String> annotations = replicaSet.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static int replicas(ReplicaSet replicaSet) {
    if (replicaSet.getStatus() != null && replicaSet.getStatus().getReplicas() != null) {
      return replicaSet.getStatus().getReplicas();
    }
    return 0;
  }
}
