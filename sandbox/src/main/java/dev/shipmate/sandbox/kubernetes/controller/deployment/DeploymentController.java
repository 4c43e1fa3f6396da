package dev.shipmate.sandbox.kubernetes.controller.deployment;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.EachObject;
import dev.shipmate.sandbox.kubernetes.controller.EventRecorder;
import dev.shipmate.sandbox.kubernetes.controller.Owners;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Deployment controller: one ReplicaSet per template revision, pods rolled from the old ones to
 * the new one within {@code maxSurge} and {@code maxUnavailable} (or all at once for {@code
 * Recreate}), and the status and conditions written as the real controller writes them, down to
 * {@code ProgressDeadlineExceeded} once {@code progressDeadlineSeconds} pass without progress.
 *
 * <p>Simplified: scaling a Deployment in the middle of a rollout does not spread the change
 * proportionally over the ReplicaSets; the new one absorbs it.
 */
public final class DeploymentController implements Controller {

  public static final String REVISION = "deployment.kubernetes.io/revision";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  private static final Set<String> ANNOTATIONS_NOT_COPIED =
      Set.of(
          REVISION,
          "deployment.kubernetes.io/revision-history",
          "kubectl.kubernetes.io/last-applied-configuration");
  private static final String COMPONENT = "deployment-controller";

  private final TypedStore store;
  private final EventRecorder events;

  public DeploymentController(TypedStore store, EventRecorder events) {
    this.store = store;
    this.events = events;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    EachObject.reconcile(store.list(Deployment.class, null), d -> sync(d, now, wakeups));
  }

  private void sync(Deployment deployment, Instant now, Wakeups wakeups) {
    if (deployment.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String timestamp = Json.timestamp(now);
    DeploymentConditions conditions =
        new DeploymentConditions(
            deployment.getStatus() == null ? null : deployment.getStatus().getConditions());
    Integer[] collisionCount = {
      deployment.getStatus() == null ? null : deployment.getStatus().getCollisionCount()
    };
    boolean paused = Boolean.TRUE.equals(deployment.getSpec().getPaused());
    boolean hasDeadline = RolloutStatus.hasProgressDeadline(deployment);
    RolloutStatus.checkPaused(paused, hasDeadline, conditions, timestamp);

    List<ReplicaSet> owned = ownedReplicaSets(deployment);
    Optional<ReplicaSet> newReplicaSet = findNew(deployment, owned);
    List<ReplicaSet> old = without(owned, newReplicaSet);
    RolloutLimits limits = RolloutLimits.of(deployment);

    if (paused) {
      newReplicaSet.ifPresent(rs -> scaleIfOnlyActive(deployment, rs, old, limits));
    } else if (RolloutLimits.isRollingUpdate(deployment)) {
      ReplicaSet current =
          newReplicaSet.isPresent()
              ? syncRevision(deployment, newReplicaSet.get(), old, limits)
              : create(deployment, old, limits, conditions, collisionCount, timestamp);
      newReplicaSet = Optional.of(current);
      rollRolling(deployment, current, old, limits);
    } else {
      newReplicaSet =
          rollRecreate(
              deployment, newReplicaSet, old, limits, conditions, collisionCount, timestamp);
    }

    owned = ownedReplicaSets(deployment);
    Optional<String> newUid = newReplicaSet.map(rs -> rs.getMetadata().getUid());
    Optional<ReplicaSet> fresh =
        owned.stream()
            .filter(rs -> newUid.map(uid -> uid.equals(rs.getMetadata().getUid())).orElse(false))
            .findFirst();
    syncRevisionAnnotation(deployment, fresh);
    DeploymentStatus status =
        RolloutStatus.calculate(
            deployment, owned, fresh, limits, conditions, collisionCount[0], timestamp);
    if (!paused && hasDeadline) {
      RolloutStatus.syncProgress(deployment, status, fresh, conditions, now, wakeups);
    }
    status.setConditions(conditions.toList());
    if (!paused && RolloutStatus.isComplete(deployment, status)) {
      cleanup(deployment, without(owned, fresh));
    }
    if (!status.equals(deployment.getStatus())) {
      store.editStatus(
          Deployment.class,
          deployment.getMetadata().getNamespace(),
          deployment.getMetadata().getName(),
          d -> {
            d.setStatus(status);
            return d;
          });
    }
  }

  private ReplicaSet create(
      Deployment deployment,
      List<ReplicaSet> old,
      RolloutLimits limits,
      DeploymentConditions conditions,
      Integer[] collisionCount,
      String now) {
    String namespace = deployment.getMetadata().getNamespace();
    int desired = RolloutLimits.replicas(deployment);
    int replicas;
    if (RolloutLimits.isRollingUpdate(deployment)) {
      int current = old.stream().mapToInt(ReplicaSets::replicas).sum();
      replicas = Math.max(0, Math.min(desired + limits.maxSurge() - current, desired));
    } else {
      replicas = desired;
    }
    while (true) {
      String hash = PodTemplates.hash(store, deployment.getSpec().getTemplate(), collisionCount[0]);
      String name = deployment.getMetadata().getName() + "-" + hash;
      Optional<ReplicaSet> clash = store.get(ReplicaSet.class, namespace, name);
      if (clash.isPresent()) {
        if (Owners.isControlledBy(clash.get(), deployment)
            && PodTemplates.equalIgnoringHash(
                clash.get().getSpec().getTemplate(), deployment.getSpec().getTemplate())) {
          return clash.get();
        }
        collisionCount[0] = collisionCount[0] == null ? 1 : collisionCount[0] + 1;
        continue;
      }
      Map<String, String> templateLabels =
          new LinkedHashMap<>(PodTemplates.labelsOf(deployment.getSpec().getTemplate()));
      templateLabels.put(PodTemplates.HASH_LABEL, hash);
      PodTemplateSpec template =
          new PodTemplateSpecBuilder(deployment.getSpec().getTemplate())
              .editOrNewMetadata()
              .withLabels(templateLabels)
              .endMetadata()
              .build();
      LabelSelector selector =
          new LabelSelectorBuilder(deployment.getSpec().getSelector())
              .addToMatchLabels(PodTemplates.HASH_LABEL, hash)
              .build();
      Map<String, String> annotations = new LinkedHashMap<>();
      if (deployment.getMetadata().getAnnotations() != null) {
        deployment
            .getMetadata()
            .getAnnotations()
            .forEach(
                (key, value) -> {
                  if (!ANNOTATIONS_NOT_COPIED.contains(key)) {
                    annotations.put(key, value);
                  }
                });
      }
      annotations.put(REVISION, Integer.toString(ReplicaSets.maxRevision(old) + 1));
      annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
      annotations.put(MAX_REPLICAS, Integer.toString(desired + limits.maxSurge()));
      ReplicaSet created =
          store.create(
              new ReplicaSetBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .withLabels(templateLabels)
                  .withAnnotations(annotations)
                  .withOwnerReferences(Owners.controllerRef(deployment))
                  .endMetadata()
                  .withNewSpec()
                  .withReplicas(replicas)
                  .withMinReadySeconds(deployment.getSpec().getMinReadySeconds())
                  .withSelector(selector)
                  .withTemplate(template)
                  .endSpec()
                  .build());
      if (replicas > 0) {
        events.normal(
            deployment,
            COMPONENT,
            "ScalingReplicaSet",
            "Scaled up replica set " + name + " from 0 to " + replicas);
      }
      if (RolloutStatus.hasProgressDeadline(deployment)) {
        conditions.set(
            DeploymentConditions.PROGRESSING,
            "True",
            "NewReplicaSetCreated",
            "Created new replica set \"" + name + "\"",
            now);
      }
      return created;
    }
  }

  /** The new ReplicaSet always carries the highest revision: a rollback re-numbers it. */
  private ReplicaSet syncRevision(
      Deployment deployment, ReplicaSet newReplicaSet, List<ReplicaSet> old, RolloutLimits limits) {
    int maxOld = ReplicaSets.maxRevision(old);
    int current = ReplicaSets.revision(newReplicaSet);
    String revision = Integer.toString(current > maxOld ? current : maxOld + 1);
    int desired = RolloutLimits.replicas(deployment);
    Map<String, String> annotations =
        newReplicaSet.getMetadata().getAnnotations() == null
            ? Map.of()
            : newReplicaSet.getMetadata().getAnnotations();
    if (revision.equals(annotations.get(REVISION))
        && Integer.toString(desired).equals(annotations.get(DESIRED_REPLICAS))
        && Integer.toString(desired + limits.maxSurge()).equals(annotations.get(MAX_REPLICAS))) {
      return newReplicaSet;
    }
    return store.edit(
        ReplicaSet.class,
        newReplicaSet.getMetadata().getNamespace(),
        newReplicaSet.getMetadata().getName(),
        rs -> {
          Map<String, String> updated = new LinkedHashMap<>(annotations);
          updated.put(REVISION, revision);
          updated.put(DESIRED_REPLICAS, Integer.toString(desired));
          updated.put(MAX_REPLICAS, Integer.toString(desired + limits.maxSurge()));
          rs.getMetadata().setAnnotations(updated);
          return rs;
        });
  }

  private void rollRolling(
      Deployment deployment, ReplicaSet newReplicaSet, List<ReplicaSet> old, RolloutLimits limits) {
    int desired = RolloutLimits.replicas(deployment);
    int newReplicas = ReplicaSets.replicas(newReplicaSet);
    List<ReplicaSet> all = new ArrayList<>(old);
    all.add(newReplicaSet);
    if (newReplicas > desired) {
      scale(deployment, newReplicaSet, desired);
      return;
    }
    if (newReplicas < desired) {
      int current = all.stream().mapToInt(ReplicaSets::replicas).sum();
      int maxTotal = desired + limits.maxSurge();
      if (current < maxTotal) {
        scale(
            deployment,
            newReplicaSet,
            newReplicas + Math.min(maxTotal - current, desired - newReplicas));
        return;
      }
    }
    List<ReplicaSet> activeOld =
        old.stream()
            .filter(rs -> ReplicaSets.replicas(rs) > 0)
            .sorted(ReplicaSets.byRevision())
            .toList();
    if (activeOld.isEmpty()) {
      return;
    }
    int allPods = all.stream().mapToInt(ReplicaSets::replicas).sum();
    int minAvailable = desired - limits.maxUnavailable();
    int newUnavailable = newReplicas - ReplicaSets.available(newReplicaSet);
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return;
    }
    Map<String, Integer> targets = new HashMap<>();
    activeOld.forEach(rs -> targets.put(rs.getMetadata().getName(), ReplicaSets.replicas(rs)));
    // First the old pods that are not available anyway, then as many available ones as allowed.
    int cleaned = 0;
    for (ReplicaSet rs : activeOld) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int unhealthy = ReplicaSets.replicas(rs) - ReplicaSets.available(rs);
      if (unhealthy <= 0) {
        continue;
      }
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      targets.put(rs.getMetadata().getName(), ReplicaSets.replicas(rs) - down);
      cleaned += down;
    }
    int availableAll = all.stream().mapToInt(ReplicaSets::available).sum();
    int allowed = availableAll - minAvailable;
    int scaledDown = 0;
    for (ReplicaSet rs : activeOld) {
      if (scaledDown >= allowed) {
        break;
      }
      int current = targets.get(rs.getMetadata().getName());
      if (current == 0) {
        continue;
      }
      int down = Math.min(current, allowed - scaledDown);
      targets.put(rs.getMetadata().getName(), current - down);
      scaledDown += down;
    }
    for (ReplicaSet rs : activeOld) {
      scale(deployment, rs, targets.get(rs.getMetadata().getName()));
    }
  }

  private Optional<ReplicaSet> rollRecreate(
      Deployment deployment,
      Optional<ReplicaSet> newReplicaSet,
      List<ReplicaSet> old,
      RolloutLimits limits,
      DeploymentConditions conditions,
      Integer[] collisionCount,
      String now) {
    boolean scaledDown = false;
    for (ReplicaSet rs : old) {
      if (ReplicaSets.replicas(rs) > 0) {
        scale(deployment, rs, 0);
        scaledDown = true;
      }
    }
    if (scaledDown || oldPodsRemain(deployment, old)) {
      return newReplicaSet;
    }
    if (newReplicaSet.isEmpty()) {
      return Optional.of(create(deployment, old, limits, conditions, collisionCount, now));
    }
    ReplicaSet current = syncRevision(deployment, newReplicaSet.get(), old, limits);
    scale(deployment, current, RolloutLimits.replicas(deployment));
    return Optional.of(current);
  }

  private void scaleIfOnlyActive(
      Deployment deployment, ReplicaSet newReplicaSet, List<ReplicaSet> old, RolloutLimits limits) {
    if (old.stream().allMatch(rs -> ReplicaSets.replicas(rs) == 0)) {
      scale(
          deployment,
          syncRevision(deployment, newReplicaSet, old, limits),
          RolloutLimits.replicas(deployment));
    }
  }

  private boolean oldPodsRemain(Deployment deployment, List<ReplicaSet> old) {
    List<Pod> pods = store.list(Pod.class, deployment.getMetadata().getNamespace());
    return pods.stream()
        .anyMatch(
            pod ->
                old.stream().anyMatch(rs -> Owners.isControlledBy(pod, rs))
                    && !"Failed".equals(pod.getStatus().getPhase())
                    && !"Succeeded".equals(pod.getStatus().getPhase()));
  }

  private void scale(Deployment deployment, ReplicaSet rs, int to) {
    int from = ReplicaSets.replicas(rs);
    if (from == to) {
      return;
    }
    store.edit(
        ReplicaSet.class,
        rs.getMetadata().getNamespace(),
        rs.getMetadata().getName(),
        current -> {
          current.getSpec().setReplicas(to);
          return current;
        });
    events.normal(
        deployment,
        COMPONENT,
        "ScalingReplicaSet",
        "Scaled "
            + (from < to ? "up" : "down")
            + " replica set "
            + rs.getMetadata().getName()
            + " from "
            + from
            + " to "
            + to);
  }

  private void syncRevisionAnnotation(Deployment deployment, Optional<ReplicaSet> newReplicaSet) {
    if (newReplicaSet.isEmpty()) {
      return;
    }
    String revision = Integer.toString(ReplicaSets.revision(newReplicaSet.get()));
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    if (annotations != null && revision.equals(annotations.get(REVISION))) {
      return;
    }
    store.edit(
        Deployment.class,
        deployment.getMetadata().getNamespace(),
        deployment.getMetadata().getName(),
        d -> {
          Map<String, String> updated =
              d.getMetadata().getAnnotations() == null
                  ? new LinkedHashMap<>()
                  : new LinkedHashMap<>(d.getMetadata().getAnnotations());
          updated.put(REVISION, revision);
          d.getMetadata().setAnnotations(updated);
          return d;
        });
  }

  private void cleanup(Deployment deployment, List<ReplicaSet> old) {
    Integer limit = deployment.getSpec().getRevisionHistoryLimit();
    List<ReplicaSet> cleanable =
        old.stream()
            .filter(
                rs ->
                    ReplicaSets.replicas(rs) == 0
                        && ReplicaSets.actual(rs) == 0
                        && rs.getMetadata().getDeletionTimestamp() == null)
            .sorted(ReplicaSets.byRevision())
            .toList();
    int excess = cleanable.size() - (limit == null ? 10 : limit);
    for (int i = 0; i < excess; i++) {
      store.delete(cleanable.get(i));
    }
  }

  private List<ReplicaSet> ownedReplicaSets(Deployment deployment) {
    return store.list(ReplicaSet.class, deployment.getMetadata().getNamespace()).stream()
        .filter(rs -> Owners.isControlledBy(rs, deployment))
        .sorted(ReplicaSets.byRevision())
        .toList();
  }

  private Optional<ReplicaSet> findNew(Deployment deployment, List<ReplicaSet> owned) {
    return owned.stream()
        .filter(
            rs ->
                PodTemplates.equalIgnoringHash(
                    rs.getSpec().getTemplate(), deployment.getSpec().getTemplate()))
        .findFirst();
  }

  private static List<ReplicaSet> without(List<ReplicaSet> all, Optional<ReplicaSet> excluded) {
    return all.stream()
        .filter(
            rs ->
                excluded
                    .map(e -> !e.getMetadata().getUid().equals(rs.getMetadata().getUid()))
                    .orElse(true))
        .toList();
  }
}
