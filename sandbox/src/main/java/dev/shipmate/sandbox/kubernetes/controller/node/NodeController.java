package dev.shipmate.sandbox.kubernetes.controller.node;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.EachObject;
import dev.shipmate.sandbox.kubernetes.controller.PodStates;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The node lifecycle controller's visible work: a cordoned node carries the {@code
 * node.kubernetes.io/unschedulable:NoSchedule} taint, a NotReady node the {@code
 * node.kubernetes.io/not-ready:NoExecute} taint, and pods on a NotReady node are evicted once their
 * toleration runs out (300 s by default; DaemonSet pods tolerate it for ever).
 */
public final class NodeController implements Controller {

  private final TypedStore store;

  public NodeController(TypedStore store) {
    this.store = store;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    List<Node> nodes = store.list(Node.class, null);
    EachObject.reconcile(nodes, node -> syncTaints(node, now));
    Map<String, Node> byName =
        store.list(Node.class, null).stream()
            .collect(Collectors.toMap(node -> node.getMetadata().getName(), Function.identity()));
    for (Pod pod : store.list(Pod.class, null)) {
      Node node =
          pod.getSpec().getNodeName() == null ? null : byName.get(pod.getSpec().getNodeName());
      if (node == null || !PodStates.isActive(pod)) {
        continue;
      }
      notReadyTaint(node)
          .flatMap(taint -> evictionTime(pod, taint))
          .ifPresent(
              due -> {
                if (due.isAfter(now)) {
                  wakeups.at(due);
                } else {
                  store.delete(pod);
                }
              });
    }
  }

  private void syncTaints(Node node, Instant now) {
    List<Taint> current =
        node.getSpec() == null || node.getSpec().getTaints() == null
            ? List.of()
            : node.getSpec().getTaints();
    List<Taint> desired = new ArrayList<>();
    for (Taint taint : current) {
      if (!Nodes.UNSCHEDULABLE_TAINT.equals(taint.getKey())
          && !Nodes.NOT_READY_TAINT.equals(taint.getKey())) {
        desired.add(taint);
      }
    }
    if (Nodes.isUnschedulable(node)) {
      desired.add(
          new TaintBuilder().withKey(Nodes.UNSCHEDULABLE_TAINT).withEffect("NoSchedule").build());
    }
    if (!Nodes.isReady(node)) {
      String since =
          current.stream()
              .filter(t -> Nodes.NOT_READY_TAINT.equals(t.getKey()))
              .map(Taint::getTimeAdded)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(Json.timestamp(now));
      desired.add(
          new TaintBuilder()
              .withKey(Nodes.NOT_READY_TAINT)
              .withEffect("NoExecute")
              .withTimeAdded(since)
              .build());
    }
    if (!desired.equals(current)) {
      store.edit(
          Node.class,
          null,
          node.getMetadata().getName(),
          n -> {
            n.getSpec().setTaints(desired.isEmpty() ? null : desired);
            return n;
          });
    }
  }

  private static Optional<Taint> notReadyTaint(Node node) {
    if (node.getSpec() == null || node.getSpec().getTaints() == null) {
      return Optional.empty();
    }
    return node.getSpec().getTaints().stream()
        .filter(t -> Nodes.NOT_READY_TAINT.equals(t.getKey()) && t.getTimeAdded() != null)
        .findFirst();
  }

  /** When a pod on a NotReady node goes; empty when it tolerates the taint for ever. */
  private static Optional<Instant> evictionTime(Pod pod, Taint taint) {
    Instant added = Instant.parse(taint.getTimeAdded());
    List<Toleration> tolerations =
        pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    for (Toleration toleration : tolerations) {
      boolean matches =
          ("Exists".equals(toleration.getOperator())
                  && (toleration.getKey() == null || toleration.getKey().isEmpty()))
              || taint.getKey().equals(toleration.getKey());
      boolean effect =
          toleration.getEffect() == null
              || toleration.getEffect().isEmpty()
              || "NoExecute".equals(toleration.getEffect());
      if (matches && effect) {
        return toleration.getTolerationSeconds() == null
            ? Optional.empty()
            : Optional.of(added.plusSeconds(toleration.getTolerationSeconds()));
      }
    }
    return Optional.of(added);
  }
}
