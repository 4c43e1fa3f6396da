package dev.shipmate.pipelines.deploy;

import dev.shipmate.pipelines.kubernetes.PodTemplates;
import dev.shipmate.pipelines.kubernetes.Revision;
import dev.shipmate.pipelines.kubernetes.Workloads;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test plays the Deployment controller and the kubelet against fabric8's CRUD mock, which runs
 * none: it makes the ReplicaSet of a new template (or renumbers the one an undo brings back),
 * writes pods and the Deployment's status, the way the real controllers leave them.
 */
final class ClusterController {
  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  ClusterController(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  /** A settled Deployment running {@code version} at revision 1, with its ReplicaSet and pods. */
  Deployment settled(String name, String version, int replicas) {
    Deployment deployment = create(Workloads.deployment(name, Workloads.image(version), replicas));
    ReplicaSet rs = create(Workloads.replicaSet(deployment, 1, replicas));
    for (int i = 0; i < replicas; i++) {
      create(Workloads.pod(rs, "p" + i, clock.instant(), Workloads.running("web")));
    }
    return deployment;
  }

  /** Someone (a person, an earlier deploy) set {@code version} and the controller rolled it out. */
  Deployment deployedBefore(String name, String version) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            d -> {
              d.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .setImage(Workloads.image(version));
              return d;
            });
    observe(name);
    return complete(name);
  }

  Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  List<ReplicaSet> replicaSets(String name) {
    String uid = deployment(name).getMetadata().getUid();
    return client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
        .filter(rs -> rs.getMetadata().getOwnerReferences().get(0).getUid().equals(uid))
        .toList();
  }

  /**
   * The controller sees the Deployment's template: makes its ReplicaSet at the next revision, or
   * gives the existing one (an undo) the next revision, and observes the generation with nothing
   * updated yet.
   */
  ReplicaSet observe(String name) {
    Deployment deployment = deployment(name);
    List<ReplicaSet> owned = replicaSets(name);
    long newest =
        owned.stream()
            .map(Revision::of)
            .flatMap(Optional::stream)
            .mapToLong(Revision::number)
            .max()
            .orElse(0);
    Optional<ReplicaSet> existing =
        owned.stream()
            .filter(
                rs ->
                    PodTemplates.equalIgnoringHash(
                        rs.getSpec().getTemplate(), deployment.getSpec().getTemplate()))
            .findFirst();
    long revision;
    ReplicaSet current;
    if (existing.isPresent()) {
      current = existing.get();
      revision = Revision.of(current).map(Revision::number).orElse(0L);
      if (revision < newest) {
        revision = newest + 1;
        long next = revision;
        current =
            client
                .apps()
                .replicaSets()
                .inNamespace(namespace)
                .withName(current.getMetadata().getName())
                .edit(
                    rs -> {
                      rs.getMetadata()
                          .getAnnotations()
                          .put(Revision.REVISION_ANNOTATION, Long.toString(next));
                      return rs;
                    });
      }
    } else {
      revision = newest + 1;
      current = create(Workloads.replicaSet(deployment, revision, 0));
    }
    long rev = revision;
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            d -> {
              d.getMetadata()
                  .getAnnotations()
                  .put(Revision.REVISION_ANNOTATION, Long.toString(rev));
              return d;
            });
    status(name, 0, 0, Optional.empty());
    return current;
  }

  /** The kubelet starts a pod of {@code rs} with the given container status. */
  Pod pod(ReplicaSet rs, String suffix, ContainerStatus status) {
    return create(Workloads.pod(rs, suffix, clock.instant(), status));
  }

  /** Every replica updated and available, old ones gone. */
  Deployment complete(String name) {
    Deployment deployment = deployment(name);
    int replicas = deployment.getSpec().getReplicas();
    for (ReplicaSet rs : replicaSets(name)) {
      int scaled =
          PodTemplates.equalIgnoringHash(
                  rs.getSpec().getTemplate(), deployment.getSpec().getTemplate())
              ? replicas
              : 0;
      client
          .apps()
          .replicaSets()
          .inNamespace(namespace)
          .withName(rs.getMetadata().getName())
          .editStatus(
              r -> {
                r.getStatus().setReplicas(scaled);
                r.getStatus().setAvailableReplicas(scaled);
                return r;
              });
    }
    return status(name, replicas, replicas, Optional.empty());
  }

  /** The controller gives up: no progress within the deadline. */
  Deployment deadlineExceeded(String name) {
    DeploymentCondition condition =
        new DeploymentConditionBuilder()
            .withType("Progressing")
            .withStatus("False")
            .withReason(RolloutJudge.DEADLINE_EXCEEDED)
            .withMessage("ReplicaSet \"" + name + "\" has timed out progressing.")
            .build();
    return status(name, 1, 0, Optional.of(condition));
  }

  /** The Deployment's status as the controller writes it, its generation observed. */
  Deployment status(
      String name, int updated, int available, Optional<DeploymentCondition> progressing) {
    return client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            d -> {
              int replicas = d.getSpec().getReplicas();
              d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
              d.getStatus().setUpdatedReplicas(updated);
              d.getStatus().setAvailableReplicas(available);
              d.getStatus().setReadyReplicas(available);
              d.getStatus().setReplicas(updated == replicas ? replicas : replicas + updated);
              d.getStatus().setConditions(progressing.map(List::of).orElse(List.of()));
              return d;
            });
  }

  /** The labels of the Deployment's pod template. */
  Map<String, String> templateLabels(String name) {
    return deployment(name).getSpec().getTemplate().getMetadata().getLabels();
  }

  String image(String name) {
    return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  String annotation(String name, String key) {
    return deployment(name).getMetadata().getAnnotations().get(key);
  }

  ReplicaSet newest(String name) {
    return replicaSets(name).stream()
        .max(Comparator.comparingLong(rs -> Revision.of(rs).map(Revision::number).orElse(0L)))
        .orElseThrow();
  }

  private <T extends HasMetadata> T create(T object) {
    object.getMetadata().setNamespace(namespace);
    object.getMetadata().setUid(null);
    object.getMetadata().setResourceVersion(null);
    return client.resource(object).create();
  }
}
