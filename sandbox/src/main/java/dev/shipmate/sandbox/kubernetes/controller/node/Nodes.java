package dev.shipmate.sandbox.kubernetes.controller.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;

/** Questions asked about nodes by the scheduler, the kubelets and the disruption controller. */
public final class Nodes {

  public static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";
  public static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";

  private Nodes() {}

  public static boolean isReady(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return false;
    }
    for (NodeCondition condition : node.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType())) {
        return "True".equals(condition.getStatus());
      }
    }
    return false;
  }

  public static boolean isUnschedulable(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  public static String internalIp(Node node) {
    if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
      for (NodeAddress address : node.getStatus().getAddresses()) {
        if ("InternalIP".equals(address.getType())) {
          return address.getAddress();
        }
      }
    }
    return "10.0.0.1";
  }
}
