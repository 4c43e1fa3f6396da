package dev.shipmate.pipelines.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;

/**
 * Deployments, ReplicaSets and pods shaped the way the Deployment controller and the kubelet leave
 * them, for tests: the CRUD mock runs no controllers, so tests write these objects themselves.
 */
public final class Workloads {
  public static final String NAMESPACE = "prod";
  public static final String REPOSITORY = "registry.example.com/acme/web";
  public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Workloads() {}

  public static String image(String version) {
    return REPOSITORY + ":" + version;
  }

  /**
   * A settled Deployment at revision 1: one container {@code web} running {@code image}, all
   * replicas updated and available, its generation observed.
   */
  public static Deployment deployment(String name, String image, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(name)
        .withUid("uid-" + name)
        .withGeneration(1L)
        .withResourceVersion("100")
        .addToAnnotations(Revision.REVISION_ANNOTATION, "1")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withReadyReplicas(replicas)
        .withAvailableReplicas(replicas)
        .endStatus()
        .build();
  }

  /**
   * The Deployment after someone set a new image on it: generation and revision moved on, the
   * status still describes the previous spec.
   */
  public static Deployment withImage(Deployment deployment, String image, long revision) {
    Deployment changed = copy(deployment);
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    changed.getMetadata().setGeneration(changed.getMetadata().getGeneration() + 1);
    changed
        .getMetadata()
        .getAnnotations()
        .put(Revision.REVISION_ANNOTATION, Long.toString(revision));
    return changed;
  }

  /**
   * The ReplicaSet the controller makes for the Deployment's current template at {@code revision}:
   * the template with a {@code pod-template-hash} label, owned by the Deployment.
   */
  public static ReplicaSet replicaSet(Deployment deployment, long revision, int replicas) {
    String hash = "h" + revision;
    PodTemplateSpec template = SERIALIZATION.clone(deployment.getSpec().getTemplate());
    template.getMetadata().getLabels().put(PodTemplates.HASH_LABEL, hash);
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withNamespace(deployment.getMetadata().getNamespace())
        .withName(deployment.getMetadata().getName() + "-" + hash)
        .withUid("uid-" + deployment.getMetadata().getName() + "-" + hash)
        .withCreationTimestamp(T0.plusSeconds(revision * 60).toString())
        .addToLabels(template.getMetadata().getLabels())
        .addToAnnotations(Revision.REVISION_ANNOTATION, Long.toString(revision))
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(deployment.getMetadata().getName())
        .withUid(deployment.getMetadata().getUid())
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels(deployment.getSpec().getSelector().getMatchLabels())
        .addToMatchLabels(PodTemplates.HASH_LABEL, hash)
        .endSelector()
        .withTemplate(template)
        .endSpec()
        .withNewStatus()
        .withReplicas(replicas)
        .withAvailableReplicas(replicas)
        .endStatus()
        .build();
  }

  /** A pod of a ReplicaSet, created at {@code created}, with the given container statuses. */
  public static Pod pod(
      ReplicaSet replicaSet, String suffix, Instant created, ContainerStatus... statuses) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(replicaSet.getMetadata().getNamespace())
        .withName(replicaSet.getMetadata().getName() + "-" + suffix)
        .withUid("uid-" + replicaSet.getMetadata().getName() + "-" + suffix)
        .withCreationTimestamp(created.toString())
        .addToLabels(replicaSet.getSpec().getTemplate().getMetadata().getLabels())
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName(replicaSet.getMetadata().getName())
        .withUid(replicaSet.getMetadata().getUid())
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withSpec(SERIALIZATION.clone(replicaSet.getSpec().getTemplate().getSpec()))
        .withNewStatus()
        .withPhase("Pending")
        .withContainerStatuses(List.of(statuses))
        .endStatus()
        .build();
  }

  /** A container the kubelet keeps waiting, with the kubelet's reason and message. */
  public static ContainerStatus waiting(String container, String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(container)
        .withReady(false)
        .withRestartCount(0)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .build();
  }

  /** A running, ready container. */
  public static ContainerStatus running(String container) {
    return new ContainerStatusBuilder()
        .withName(container)
        .withReady(true)
        .withRestartCount(0)
        .withNewState()
        .withNewRunning()
        .withStartedAt(T0.toString())
        .endRunning()
        .endState()
        .build();
  }

  public static <T> T copy(T object) {
    return SERIALIZATION.clone(object);
  }

  /** A snapshot of a Deployment with its ReplicaSets and pods. */
  public static DeploymentSnapshot snapshot(
      Deployment deployment, List<ReplicaSet> replicaSets, List<Pod> pods) {
    return new DeploymentSnapshot(deployment, replicaSets, pods);
  }
}
