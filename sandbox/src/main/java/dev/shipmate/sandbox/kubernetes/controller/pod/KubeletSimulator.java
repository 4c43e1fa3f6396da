package dev.shipmate.sandbox.kubernetes.controller.pod;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.EachObject;
import dev.shipmate.sandbox.kubernetes.controller.EventRecorder;
import dev.shipmate.sandbox.kubernetes.controller.PodStates;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.controller.node.Nodes;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every node's kubelet at once: for each pod bound to a Ready node, the status a kubelet would
 * report, computed from the time the pod reached the node, the {@link PodTimings} and each
 * container's {@link ContainerScenario}. Writes only when the status changes, and asks to be woken
 * when it next will.
 */
public final class KubeletSimulator implements Controller {

  private static final String COMPONENT = "kubelet";

  private final TypedStore store;
  private final EventRecorder events;
  private final PodTimings timings;
  private final ImageFaults faults;

  public KubeletSimulator(TypedStore store, EventRecorder events, PodTimings timings) {
    this(store, events, timings, new ImageFaults());
  }

  /**
   * @param faults images that misbehave in this cluster only
   */
  public KubeletSimulator(
      TypedStore store, EventRecorder events, PodTimings timings, ImageFaults faults) {
    this.store = store;
    this.events = events;
    this.timings = timings;
    this.faults = faults;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    Map<String, Node> nodes =
        store.list(Node.class, null).stream()
            .collect(Collectors.toMap(node -> node.getMetadata().getName(), Function.identity()));
    List<Pod> pods =
        store.list(Pod.class, null).stream()
            .filter(PodStates::isActive)
            .filter(pod -> pod.getSpec().getNodeName() != null)
            .filter(pod -> nodes.containsKey(pod.getSpec().getNodeName()))
            .filter(pod -> Nodes.isReady(nodes.get(pod.getSpec().getNodeName())))
            .toList();
    EachObject.reconcile(
        pods, pod -> sync(pod, nodes.get(pod.getSpec().getNodeName()), now, wakeups));
  }

  private void sync(Pod pod, Node node, Instant now, Wakeups wakeups) {
    PodStatus before = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    Instant accepted = before.getStartTime() == null ? now : Instant.parse(before.getStartTime());
    List<ContainerStatus> containers = new ArrayList<>();
    boolean allStarted = true;
    List<String> unready = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      ContainerTimeline.Snapshot snapshot =
          ContainerTimeline.at(
              container,
              ContainerScenario.of(
                  container.getImage(), pod.getMetadata().getAnnotations(), faults),
              pod.getMetadata().getName(),
              pod.getMetadata().getNamespace(),
              pod.getMetadata().getUid(),
              accepted,
              timings,
              now);
      containers.add(snapshot.status());
      allStarted &= snapshot.started();
      if (!Boolean.TRUE.equals(snapshot.status().getReady())) {
        unready.add(container.getName());
      }
      if (snapshot.nextChange() != null) {
        wakeups.at(snapshot.nextChange());
      }
    }
    String timestamp = Json.timestamp(now);
    String unreadyMessage = "containers with unready status: [" + String.join(" ", unready) + "]";
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(before, "PodReadyToStartContainers", true, null, null, timestamp));
    conditions.add(condition(before, "Initialized", true, null, null, timestamp));
    conditions.add(
        condition(
            before,
            "Ready",
            unready.isEmpty(),
            unready.isEmpty() ? null : "ContainersNotReady",
            unready.isEmpty() ? null : unreadyMessage,
            timestamp));
    conditions.add(
        condition(
            before,
            "ContainersReady",
            unready.isEmpty(),
            unready.isEmpty() ? null : "ContainersNotReady",
            unready.isEmpty() ? null : unreadyMessage,
            timestamp));
    conditions.add(condition(before, "PodScheduled", true, null, null, timestamp));
    String hostIp = Nodes.internalIp(node);
    String podIp = podIp(pod);
    PodStatus after =
        new PodStatusBuilder()
            .withPhase(allStarted ? "Running" : "Pending")
            .withConditions(conditions)
            .withHostIP(hostIp)
            .withHostIPs(new HostIP(hostIp))
            .withPodIP(podIp)
            .withPodIPs(new PodIP(podIp))
            .withStartTime(Json.timestamp(accepted))
            .withContainerStatuses(containers)
            .withQosClass(before.getQosClass() == null ? "BestEffort" : before.getQosClass())
            .build();
    if (after.equals(before)) {
      return;
    }
    Pod updated =
        store.editStatus(
            Pod.class,
            pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(),
            current -> {
              current.setStatus(after);
              return current;
            });
    recordEvents(updated, before, containers);
  }

  private void recordEvents(Pod pod, PodStatus before, List<ContainerStatus> after) {
    for (ContainerStatus now : after) {
      Optional<ContainerStatus> previous =
          before.getContainerStatuses() == null
              ? Optional.empty()
              : before.getContainerStatuses().stream()
                  .filter(status -> status.getName().equals(now.getName()))
                  .findFirst();
      String reasonNow = waitingReason(now);
      String reasonBefore = previous.map(KubeletSimulator::waitingReason).orElse(null);
      boolean runningNow = now.getState().getRunning() != null;
      boolean runningBefore = previous.map(s -> s.getState().getRunning() != null).orElse(false);
      String image = now.getImage();
      if (runningNow && !runningBefore) {
        if (now.getRestartCount() == 0) {
          events.normal(pod, COMPONENT, "Pulled", "Successfully pulled image \"" + image + "\"");
        }
        events.normal(pod, COMPONENT, "Created", "Created container: " + now.getName());
        events.normal(pod, COMPONENT, "Started", "Started container " + now.getName());
        ContainerScenario scenario =
            ContainerScenario.of(image, pod.getMetadata().getAnnotations(), faults);
        if (scenario instanceof ContainerScenario.NeverReady) {
          events.warning(
              pod,
              COMPONENT,
              "Unhealthy",
              "Readiness probe failed: HTTP probe failed with statuscode: 503");
        }
      }
      if (reasonNow == null || reasonNow.equals(reasonBefore)) {
        continue;
      }
      switch (reasonNow) {
        case "ErrImagePull" -> {
          events.normal(pod, COMPONENT, "Pulling", "Pulling image \"" + image + "\"");
          events.warning(
              pod,
              COMPONENT,
              "Failed",
              "Failed to pull image \""
                  + image
                  + "\": "
                  + now.getState().getWaiting().getMessage());
          events.warning(pod, COMPONENT, "Failed", "Error: ErrImagePull");
        }
        case "ImagePullBackOff" -> {
          events.normal(pod, COMPONENT, "BackOff", "Back-off pulling image \"" + image + "\"");
          events.warning(pod, COMPONENT, "Failed", "Error: ImagePullBackOff");
        }
        case "CrashLoopBackOff" ->
            events.warning(
                pod,
                COMPONENT,
                "BackOff",
                "Back-off restarting failed container "
                    + now.getName()
                    + " in pod "
                    + pod.getMetadata().getName()
                    + "_"
                    + pod.getMetadata().getNamespace()
                    + "("
                    + pod.getMetadata().getUid()
                    + ")");
        default -> {
          // ContainerCreating is not an event.
        }
      }
    }
  }

  private static String waitingReason(ContainerStatus status) {
    return status.getState() == null || status.getState().getWaiting() == null
        ? null
        : status.getState().getWaiting().getReason();
  }

  private static PodCondition condition(
      PodStatus before, String type, boolean isTrue, String reason, String message, String now) {
    String status = isTrue ? "True" : "False";
    String transition = now;
    if (before.getConditions() != null) {
      for (PodCondition existing : before.getConditions()) {
        if (type.equals(existing.getType()) && status.equals(existing.getStatus())) {
          transition = existing.getLastTransitionTime();
        }
      }
    }
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(transition)
        .build();
  }

  private static String podIp(Pod pod) {
    int hash = pod.getMetadata().getUid().hashCode();
    return "10.244." + ((hash >>> 8) & 0xff) + "." + Math.max(2, hash & 0xfe);
  }
}
