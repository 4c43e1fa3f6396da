package dev.shipmate.sandbox.aws.compute;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * What EKS does to a node before terminating it in a managed node group update: cordon it, then
 * evict its pods through the Eviction API, so that disruption budgets hold. DaemonSet and mirror
 * pods stay, as {@code kubectl drain --ignore-daemonsets} leaves them.
 */
final class NodeDrain {

  private NodeDrain() {}

  /**
   * One attempt.
   *
   * @return true when no pod that must leave is left on the node
   */
  static boolean attempt(KubernetesClient client, String nodeName, boolean force) {
    client
        .nodes()
        .withName(nodeName)
        .edit(
            node -> {
              node.getSpec().setUnschedulable(true);
              return node;
            });
    boolean drained = true;
    for (Pod pod : podsToMove(client, nodeName)) {
      var resource =
          client
              .pods()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(pod.getMetadata().getName());
      if (force) {
        resource.delete();
      } else if (!resource.evict()) {
        drained = false;
      }
    }
    return drained;
  }

  private static List<Pod> podsToMove(KubernetesClient client, String nodeName) {
    return client
        .pods()
        .inAnyNamespace()
        .withField("spec.nodeName", nodeName)
        .list()
        .getItems()
        .stream()
        .filter(pod -> !ownedByDaemonSet(pod))
        .filter(
            pod ->
                pod.getMetadata().getAnnotations() == null
                    || !pod.getMetadata()
                        .getAnnotations()
                        .containsKey("kubernetes.io/config.mirror"))
        .toList();
  }

  private static boolean ownedByDaemonSet(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> "DaemonSet".equals(o.getKind()));
  }
}
