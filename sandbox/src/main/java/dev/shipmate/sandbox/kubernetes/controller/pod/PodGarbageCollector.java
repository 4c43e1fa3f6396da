package dev.shipmate.sandbox.kubernetes.controller.pod;

import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pod garbage collector's orphan rule: a pod bound to a node that no longer exists is deleted,
 * so that its ReplicaSet or DaemonSet replaces it. This is what makes "delete a node" reschedule
 * its pods.
 */
public final class PodGarbageCollector implements Controller {

  private final TypedStore store;

  public PodGarbageCollector(TypedStore store) {
    this.store = store;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    Set<String> nodes =
        store.list(Node.class, null).stream()
            .map(node -> node.getMetadata().getName())
            .collect(Collectors.toSet());
    for (Pod pod : store.list(Pod.class, null)) {
      String nodeName = pod.getSpec().getNodeName();
      if (nodeName != null && !nodes.contains(nodeName)) {
        store.delete(pod);
      }
    }
  }
}
