package dev.shipmate.sandbox.kubernetes.controller.daemonset;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.EachObject;
import dev.shipmate.sandbox.kubernetes.controller.EventRecorder;
import dev.shipmate.sandbox.kubernetes.controller.Owners;
import dev.shipmate.sandbox.kubernetes.controller.PodStates;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.controller.deployment.PodTemplates;
import dev.shipmate.sandbox.kubernetes.controller.pod.Scheduler;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DaemonSet controller: one pod on every node the template fits (cordoned nodes included, as
 * the real controller tolerates {@code unschedulable}), pods on nodes that no longer fit removed, a
 * changed template rolled out {@code maxUnavailable} nodes at a time.
 */
public final class DaemonSetController implements Controller {

  public static final String REVISION_HASH = "controller-revision-hash";
  private static final String COMPONENT = "daemonset-controller";
  private static final List<Toleration> DAEMON_TOLERATIONS =
      List.of(
          toleration("node.kubernetes.io/not-ready", "NoExecute"),
          toleration("node.kubernetes.io/unreachable", "NoExecute"),
          toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
          toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
          toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
          toleration("node.kubernetes.io/unschedulable", "NoSchedule"));

  private final TypedStore store;
  private final EventRecorder events;

  public DaemonSetController(TypedStore store, EventRecorder events) {
    this.store = store;
    this.events = events;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    List<Node> nodes = store.list(Node.class, null);
    Map<String, List<Pod>> podsByOwner =
        store.list(Pod.class, null).stream()
            .filter(PodStates::isActive)
            .filter(pod -> Owners.controllerOf(pod).isPresent())
            .collect(Collectors.groupingBy(pod -> Owners.controllerOf(pod).get().getUid()));
    EachObject.reconcile(
        store.list(DaemonSet.class, null),
        ds ->
            sync(
                ds,
                nodes,
                podsByOwner.getOrDefault(ds.getMetadata().getUid(), List.of()),
                now,
                wakeups));
  }

  private void sync(DaemonSet ds, List<Node> nodes, List<Pod> pods, Instant now, Wakeups wakeups) {
    if (ds.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String hash = PodTemplates.hash(store, ds.getSpec().getTemplate(), null);
    int minReadySeconds =
        ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
    Map<String, Node> eligible = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (fits(ds, node)) {
        eligible.put(node.getMetadata().getName(), node);
      }
    }
    Map<String, List<Pod>> byNode =
        pods.stream()
            .filter(pod -> pod.getSpec().getNodeName() != null)
            .collect(Collectors.groupingBy(pod -> pod.getSpec().getNodeName()));
    int misscheduled = 0;
    for (Map.Entry<String, List<Pod>> entry : byNode.entrySet()) {
      if (!eligible.containsKey(entry.getKey())) {
        misscheduled += entry.getValue().size();
        entry.getValue().forEach(store::delete);
      } else if (entry.getValue().size() > 1) {
        entry.getValue().stream()
            .sorted(Comparator.comparing((Pod pod) -> pod.getMetadata().getCreationTimestamp()))
            .skip(1)
            .forEach(store::delete);
      }
    }
    for (String nodeName : eligible.keySet()) {
      if (!byNode.containsKey(nodeName)) {
        Pod created = store.create(newPod(ds, nodeName, hash));
        events.normal(
            ds, COMPONENT, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
      }
    }
    rollOutdated(ds, eligible.keySet(), byNode, hash, minReadySeconds, now);

    List<Pod> current =
        store.list(Pod.class, ds.getMetadata().getNamespace()).stream()
            .filter(PodStates::isActive)
            .filter(pod -> Owners.isControlledBy(pod, ds))
            .filter(pod -> eligible.containsKey(pod.getSpec().getNodeName()))
            .toList();
    Set<String> scheduled =
        current.stream().map(pod -> pod.getSpec().getNodeName()).collect(Collectors.toSet());
    int ready = 0;
    int available = 0;
    int updated = 0;
    for (Pod pod : current) {
      if (hash.equals(label(pod, REVISION_HASH))) {
        updated++;
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
    int desired = eligible.size();
    DaemonSetStatus status =
        new DaemonSetStatusBuilder()
            .withDesiredNumberScheduled(desired)
            .withCurrentNumberScheduled(scheduled.size())
            .withNumberMisscheduled(misscheduled)
            .withNumberReady(ready)
            .withNumberAvailable(available == 0 ? null : available)
            .withUpdatedNumberScheduled(updated == 0 ? null : updated)
            .withNumberUnavailable(desired - available <= 0 ? null : desired - available)
            .withObservedGeneration(ds.getMetadata().getGeneration())
            .build();
    if (!status.equals(ds.getStatus())) {
      store.editStatus(
          DaemonSet.class,
          ds.getMetadata().getNamespace(),
          ds.getMetadata().getName(),
          d -> {
            d.setStatus(status);
            return d;
          });
    }
  }

  /** Replaces pods of an old template, never leaving more than maxUnavailable nodes without one. */
  private void rollOutdated(
      DaemonSet ds,
      Set<String> eligible,
      Map<String, List<Pod>> byNode,
      String hash,
      int minReadySeconds,
      Instant now) {
    if (ds.getSpec().getUpdateStrategy() != null
        && "OnDelete".equals(ds.getSpec().getUpdateStrategy().getType())) {
      return;
    }
    List<Pod> outdated = new ArrayList<>();
    int unavailable = 0;
    for (String nodeName : eligible) {
      List<Pod> onNode = byNode.getOrDefault(nodeName, List.of());
      if (onNode.stream().noneMatch(pod -> PodStates.isAvailable(pod, minReadySeconds, now))) {
        unavailable++;
      }
      onNode.stream().filter(pod -> !hash.equals(label(pod, REVISION_HASH))).forEach(outdated::add);
    }
    int budget = maxUnavailable(ds, eligible.size()) - unavailable;
    outdated.stream()
        .sorted(Comparator.comparingInt((Pod pod) -> PodStates.isReady(pod) ? 1 : 0))
        .limit(
            Math.max(0, budget) + outdated.stream().filter(pod -> !PodStates.isReady(pod)).count())
        .forEach(
            pod -> {
              store.delete(pod);
              events.normal(
                  ds, COMPONENT, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
            });
  }

  private static int maxUnavailable(DaemonSet ds, int desired) {
    IntOrString value =
        ds.getSpec().getUpdateStrategy() == null
                || ds.getSpec().getUpdateStrategy().getRollingUpdate() == null
            ? null
            : ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable();
    if (value == null) {
      return 1;
    }
    if (value.getIntVal() != null) {
      return Math.max(1, value.getIntVal());
    }
    String text = value.getStrVal();
    if (text != null && text.endsWith("%")) {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1));
      return Math.max(1, (int) Math.floor(percent * desired / 100.0));
    }
    return 1;
  }

  private static boolean fits(DaemonSet ds, Node node) {
    Pod probe = new PodBuilder().withSpec(podSpec(ds, null)).build();
    String rejection = Scheduler.rejection(probe, node);
    return rejection == null || rejection.equals("node(s) were not ready");
  }

  private static Pod newPod(DaemonSet ds, String nodeName, String hash) {
    var template = ds.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>(PodTemplates.labelsOf(template));
    labels.put(REVISION_HASH, hash);
    labels.put("pod-template-generation", String.valueOf(ds.getMetadata().getGeneration()));
    return new PodBuilder()
        .withNewMetadata()
        .withGenerateName(ds.getMetadata().getName() + "-")
        .withNamespace(ds.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(
            template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
        .withOwnerReferences(Owners.controllerRef(ds))
        .endMetadata()
        .withSpec(podSpec(ds, nodeName))
        .build();
  }

  private static PodSpec podSpec(DaemonSet ds, String nodeName) {
    PodSpecBuilder spec = new PodSpecBuilder(ds.getSpec().getTemplate().getSpec());
    List<Toleration> tolerations = new ArrayList<>();
    if (ds.getSpec().getTemplate().getSpec().getTolerations() != null) {
      tolerations.addAll(ds.getSpec().getTemplate().getSpec().getTolerations());
    }
    for (Toleration toleration : DAEMON_TOLERATIONS) {
      if (tolerations.stream().noneMatch(t -> toleration.getKey().equals(t.getKey()))) {
        tolerations.add(toleration);
      }
    }
    return spec.withTolerations(tolerations).withNodeName(nodeName).build();
  }

  private static String label(Pod pod, String key) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(key);
  }

  private static Toleration toleration(String key, String effect) {
    return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
  }
}
