package dev.shipmate.sandbox.kubernetes.controller.pod;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.EachObject;
import dev.shipmate.sandbox.kubernetes.controller.EventRecorder;
import dev.shipmate.sandbox.kubernetes.controller.PodStates;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.controller.node.Nodes;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small scheduler: binds each unscheduled pod to the Ready node that fits it (not cordoned,
 * taints tolerated, {@code nodeSelector} matched) with the fewest pods, or marks it Unschedulable
 * with the real scheduler's kind of message.
 */
public final class Scheduler implements Controller {

  private static final String COMPONENT = "default-scheduler";

  private final TypedStore store;
  private final EventRecorder events;

  public Scheduler(TypedStore store, EventRecorder events) {
    this.store = store;
    this.events = events;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    List<Node> nodes =
        store.list(Node.class, null).stream()
            .sorted(Comparator.comparing(node -> node.getMetadata().getName()))
            .toList();
    List<Pod> pods = store.list(Pod.class, null).stream().filter(PodStates::isActive).toList();
    Map<String, Integer> load = new HashMap<>();
    for (Pod pod : pods) {
      if (pod.getSpec().getNodeName() != null) {
        load.merge(pod.getSpec().getNodeName(), 1, Integer::sum);
      }
    }
    EachObject.reconcile(
        pods.stream().filter(pod -> pod.getSpec().getNodeName() == null).toList(),
        pod -> schedule(pod, nodes, load, now));
  }

  private void schedule(Pod pod, List<Node> nodes, Map<String, Integer> load, Instant now) {
    Map<String, Integer> rejections = new LinkedHashMap<>();
    Node best = null;
    for (Node node : nodes) {
      String rejection = rejection(pod, node);
      if (rejection != null) {
        rejections.merge(rejection, 1, Integer::sum);
      } else if (best == null
          || load.getOrDefault(node.getMetadata().getName(), 0)
              < load.getOrDefault(best.getMetadata().getName(), 0)) {
        best = node;
      }
    }
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (best == null) {
      String message = unschedulableMessage(nodes.size(), rejections);
      PodCondition current = scheduledCondition(pod);
      if (current == null || !message.equals(current.getMessage())) {
        store.editStatus(
            Pod.class,
            namespace,
            name,
            p -> {
              setScheduled(p, "False", "Unschedulable", message, Json.timestamp(now));
              return p;
            });
        events.warning(pod, COMPONENT, "FailedScheduling", message);
      }
      return;
    }
    String nodeName = best.getMetadata().getName();
    store.edit(
        Pod.class,
        namespace,
        name,
        p -> {
          p.getSpec().setNodeName(nodeName);
          return p;
        });
    store.editStatus(
        Pod.class,
        namespace,
        name,
        p -> {
          setScheduled(p, "True", null, null, Json.timestamp(now));
          return p;
        });
    load.merge(nodeName, 1, Integer::sum);
    events.normal(
        pod,
        COMPONENT,
        "Scheduled",
        "Successfully assigned " + namespace + "/" + name + " to " + nodeName);
  }

  /** Why the pod cannot go to the node, in the scheduler's words; null when it can. */
  public static String rejection(Pod pod, Node node) {
    if (!Nodes.isReady(node)) {
      return "node(s) were not ready";
    }
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null && !selector.isEmpty()) {
      Map<String, String> labels =
          node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
      for (Map.Entry<String, String> entry : selector.entrySet()) {
        if (!entry.getValue().equals(labels.get(entry.getKey()))) {
          return "node(s) didn't match Pod's node affinity/selector";
        }
      }
    }
    List<Taint> taints = new ArrayList<>();
    if (node.getSpec() != null && node.getSpec().getTaints() != null) {
      taints.addAll(node.getSpec().getTaints());
    }
    if (Nodes.isUnschedulable(node)
        && taints.stream().noneMatch(t -> Nodes.UNSCHEDULABLE_TAINT.equals(t.getKey()))) {
      taints.add(
          new io.fabric8.kubernetes.api.model.TaintBuilder()
              .withKey(Nodes.UNSCHEDULABLE_TAINT)
              .withEffect("NoSchedule")
              .build());
    }
    for (Taint taint : taints) {
      if ("PreferNoSchedule".equals(taint.getEffect()) || tolerates(pod, taint)) {
        continue;
      }
      if (Nodes.UNSCHEDULABLE_TAINT.equals(taint.getKey())) {
        return "node(s) were unschedulable";
      }
      return "node(s) had untolerated taint {"
          + taint.getKey()
          + ": "
          + Objects.requireNonNullElse(taint.getValue(), "")
          + "}";
    }
    return null;
  }

  public static boolean tolerates(Pod pod, Taint taint) {
    if (pod.getSpec().getTolerations() == null) {
      return false;
    }
    for (Toleration toleration : pod.getSpec().getTolerations()) {
      boolean effect =
          toleration.getEffect() == null
              || toleration.getEffect().isEmpty()
              || toleration.getEffect().equals(taint.getEffect());
      boolean exists = "Exists".equals(toleration.getOperator());
      boolean key =
          (exists && (toleration.getKey() == null || toleration.getKey().isEmpty()))
              || Objects.equals(toleration.getKey(), taint.getKey());
      boolean value =
          exists
              || Objects.equals(
                  Objects.requireNonNullElse(toleration.getValue(), ""),
                  Objects.requireNonNullElse(taint.getValue(), ""));
      if (effect && key && value) {
        return true;
      }
    }
    return false;
  }

  private static String unschedulableMessage(int nodeCount, Map<String, Integer> rejections) {
    if (nodeCount == 0) {
      return "no nodes available to schedule pods";
    }
    List<String> reasons = new ArrayList<>();
    rejections.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> reasons.add(entry.getValue() + " " + entry.getKey()));
    return "0/"
        + nodeCount
        + " nodes are available: "
        + String.join(", ", reasons)
        + ". preemption: 0/"
        + nodeCount
        + " nodes are available: "
        + nodeCount
        + " Preemption is not helpful for scheduling.";
  }

  private static PodCondition scheduledCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static void setScheduled(
      Pod pod, String status, String reason, String message, String now) {
    List<PodCondition> conditions =
        pod.getStatus().getConditions() == null
            ? new ArrayList<>()
            : new ArrayList<>(pod.getStatus().getConditions());
    conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
    conditions.add(
        new PodConditionBuilder()
            .withType("PodScheduled")
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(now)
            .build());
    pod.getStatus().setConditions(conditions);
  }
}
