package dev.shipmate.sandbox.kubernetes.controller.disruption;

import dev.shipmate.sandbox.kubernetes.controller.Owners;
import dev.shipmate.sandbox.kubernetes.controller.PodStates;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.LabelQuery;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much disruption a PodDisruptionBudget allows right now, computed as the disruption controller
 * does: healthy (Ready) pods it selects, the healthy count it wants, and the difference. Shared by
 * the controller, which writes the status, and the eviction endpoint, which must not decide on a
 * stale one.
 */
public final class DisruptionBudgets {

  private final TypedStore store;

  public DisruptionBudgets(TypedStore store) {
    this.store = store;
  }

  /** The budgets in the pod's namespace whose selector matches it. */
  public List<PodDisruptionBudget> covering(Pod pod) {
    return store.list(PodDisruptionBudget.class, pod.getMetadata().getNamespace()).stream()
        .filter(
            pdb ->
                LabelQuery.of(pdb.getSpec().getSelector()).matches(pod.getMetadata().getLabels()))
        .toList();
  }

  public PodDisruptionBudgetStatus status(PodDisruptionBudget pdb, Instant now) {
    LabelQuery selector = LabelQuery.of(pdb.getSpec().getSelector());
    List<Pod> pods =
        store.list(Pod.class, pdb.getMetadata().getNamespace()).stream()
            .filter(PodStates::isActive)
            .filter(pod -> selector.matches(pod.getMetadata().getLabels()))
            .toList();
    int healthy = (int) pods.stream().filter(PodStates::isReady).count();
    IntOrString minAvailable = pdb.getSpec().getMinAvailable();
    IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
    int expected;
    int desiredHealthy;
    if (maxUnavailable != null) {
      expected = expectedScale(pods);
      desiredHealthy = Math.max(0, expected - scaled(maxUnavailable, expected));
    } else if (minAvailable != null && minAvailable.getIntVal() != null) {
      expected = pods.size();
      desiredHealthy = minAvailable.getIntVal();
    } else if (minAvailable != null) {
      expected = expectedScale(pods);
      desiredHealthy = scaled(minAvailable, expected);
    } else {
      expected = pods.size();
      desiredHealthy = 0;
    }
    int allowed = Math.max(0, healthy - desiredHealthy);
    Optional<Condition> previous =
        pdb.getStatus() == null || pdb.getStatus().getConditions() == null
            ? Optional.empty()
            : pdb.getStatus().getConditions().stream()
                .filter(c -> "DisruptionAllowed".equals(c.getType()))
                .findFirst();
    String conditionStatus = allowed > 0 ? "True" : "False";
    String transition =
        previous
            .filter(c -> conditionStatus.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(Json.timestamp(now));
    return new PodDisruptionBudgetStatusBuilder()
        .withObservedGeneration(pdb.getMetadata().getGeneration())
        .withCurrentHealthy(healthy)
        .withDesiredHealthy(desiredHealthy)
        .withDisruptionsAllowed(allowed)
        .withExpectedPods(expected)
        .withConditions(
            new ConditionBuilder()
                .withType("DisruptionAllowed")
                .withStatus(conditionStatus)
                .withReason(allowed > 0 ? "SufficientPods" : "InsufficientPods")
                .withMessage("")
                .withObservedGeneration(pdb.getMetadata().getGeneration())
                .withLastTransitionTime(transition)
                .build())
        .build();
  }

  /** The replicas the selected pods' controllers want: what percentages are taken of. */
  private int expectedScale(List<Pod> pods) {
    Map<String, Integer> byController = new LinkedHashMap<>();
    int uncontrolled = 0;
    for (Pod pod : pods) {
      Optional<OwnerReference> ref = Owners.controllerOf(pod);
      if (ref.isEmpty()) {
        uncontrolled++;
        continue;
      }
      byController.computeIfAbsent(ref.get().getUid(), uid -> scaleOf(pod, ref.get()));
    }
    return byController.values().stream().mapToInt(Integer::intValue).sum() + uncontrolled;
  }

  private int scaleOf(Pod pod, OwnerReference ref) {
    String namespace = pod.getMetadata().getNamespace();
    if ("ReplicaSet".equals(ref.getKind())) {
      Optional<ReplicaSet> rs = store.get(ReplicaSet.class, namespace, ref.getName());
      if (rs.isEmpty()) {
        return 1;
      }
      Optional<OwnerReference> deploymentRef = Owners.controllerOf(rs.get());
      if (deploymentRef.isPresent() && "Deployment".equals(deploymentRef.get().getKind())) {
        return store
            .get(Deployment.class, namespace, deploymentRef.get().getName())
            .map(d -> d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas())
            .orElse(1);
      }
      return rs.get().getSpec().getReplicas() == null ? 1 : rs.get().getSpec().getReplicas();
    }
    if ("StatefulSet".equals(ref.getKind())) {
      return store
          .get(StatefulSet.class, namespace, ref.getName())
          .map(s -> s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas())
          .orElse(1);
    }
    return 1;
  }

  private static int scaled(IntOrString value, int total) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal();
    if (text != null && text.endsWith("%")) {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1));
      return (int) Math.ceil(percent * total / 100.0);
    }
    return text == null ? 0 : Integer.parseInt(text);
  }
}
