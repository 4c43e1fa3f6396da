package dev.shipmate.sandbox.kubernetes.controller.deployment;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.EachObject;
import dev.shipmate.sandbox.kubernetes.controller.EventRecorder;
import dev.shipmate.sandbox.kubernetes.controller.Owners;
import dev.shipmate.sandbox.kubernetes.controller.PodStates;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.store.LabelQuery;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ReplicaSet controller: as many pods as {@code spec.replicas}, created from the template and
 * owned by the ReplicaSet; surplus pods deleted in the real controller's order (unscheduled, then
 * pending, then not ready, then the most recently ready); status counted from the pods.
 */
public final class ReplicaSetController implements Controller {

  private static final String COMPONENT = "replicaset-controller";

  private final TypedStore store;
  private final EventRecorder events;

  public ReplicaSetController(TypedStore store, EventRecorder events) {
    this.store = store;
    this.events = events;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    Map<String, List<Pod>> podsByOwner =
        store.list(Pod.class, null).stream()
            .filter(PodStates::isActive)
            .filter(pod -> Owners.controllerOf(pod).isPresent())
            .collect(Collectors.groupingBy(pod -> Owners.controllerOf(pod).get().getUid()));
    EachObject.reconcile(
        store.list(ReplicaSet.class, null),
        rs ->
            sync(rs, podsByOwner.getOrDefault(rs.getMetadata().getUid(), List.of()), now, wakeups));
  }

  private void sync(ReplicaSet rs, List<Pod> pods, Instant now, Wakeups wakeups) {
    if (rs.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    List<Pod> current = new ArrayList<>(pods);
    if (current.size() < desired) {
      for (int i = current.size(); i < desired; i++) {
        Pod created = store.create(newPod(rs));
        current.add(created);
        events.normal(
            rs, COMPONENT, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
      }
    } else if (current.size() > desired) {
      List<Pod> ranked = current.stream().sorted(deletionOrder()).toList();
      for (Pod pod : ranked.subList(0, current.size() - desired)) {
        store.delete(pod);
        current.remove(pod);
        events.normal(
            rs, COMPONENT, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
      }
    }
    int minReadySeconds =
        rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
    LabelQuery templateLabels =
        LabelQuery.ofLabels(PodTemplates.labelsOf(rs.getSpec().getTemplate()));
    int ready = 0;
    int available = 0;
    int fullyLabeled = 0;
    for (Pod pod : current) {
      if (templateLabels.matches(pod.getMetadata().getLabels())) {
        fullyLabeled++;
      }
      if (PodStates.isReady(pod)) {
        ready++;
        if (PodStates.isAvailable(pod, minReadySeconds, now)) {
          available++;
        } else {
          PodStates.readySince(pod)
              .ifPresent(since -> wakeups.at(since.plusSeconds(minReadySeconds)));
        }
      }
    }
    ReplicaSetStatus status =
        new ReplicaSetStatusBuilder()
            .withReplicas(current.size())
            .withFullyLabeledReplicas(fullyLabeled == 0 ? null : fullyLabeled)
            .withReadyReplicas(ready == 0 ? null : ready)
            .withAvailableReplicas(available == 0 ? null : available)
            .withObservedGeneration(rs.getMetadata().getGeneration())
            .build();
    if (!status.equals(rs.getStatus())) {
      store.editStatus(
          ReplicaSet.class,
          rs.getMetadata().getNamespace(),
          rs.getMetadata().getName(),
          r -> {
            r.setStatus(status);
            return r;
          });
    }
  }

  private static Pod newPod(ReplicaSet rs) {
    var template = rs.getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withGenerateName(rs.getMetadata().getName() + "-")
        .withNamespace(rs.getMetadata().getNamespace())
        .withLabels(PodTemplates.labelsOf(template))
        .withAnnotations(
            template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
        .withOwnerReferences(Owners.controllerRef(rs))
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  /** The real controller's ranking of which pods to delete first. */
  static Comparator<Pod> deletionOrder() {
    return Comparator.<Pod>comparingInt(pod -> pod.getSpec().getNodeName() == null ? 0 : 1)
        .thenComparingInt(ReplicaSetController::phaseRank)
        .thenComparingInt(pod -> PodStates.isReady(pod) ? 1 : 0)
        .thenComparing(
            (Pod pod) -> PodStates.readySince(pod).orElse(Instant.MAX), Comparator.reverseOrder())
        .thenComparing(ReplicaSetController::restarts, Comparator.reverseOrder())
        .thenComparing(
            (Pod pod) -> pod.getMetadata().getCreationTimestamp(), Comparator.reverseOrder());
  }

  private static int phaseRank(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Pending".equals(phase) || phase == null) {
      return 0;
    }
    return "Running".equals(phase) ? 2 : 1;
  }

  private static Integer restarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .mapToInt(status -> status.getRestartCount() == null ? 0 : status.getRestartCount())
        .sum();
  }
}
