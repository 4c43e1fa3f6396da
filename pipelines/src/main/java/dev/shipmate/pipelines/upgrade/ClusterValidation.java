package dev.shipmate.pipelines.upgrade;

import java.util.ArrayList;
import java.util.List;

/**
 * What kops checks between nodes: every node Ready, every kube-system pod ready. Nodes an upgrade
 * is removing (cordoned for their drain) do not count.
 */
final class ClusterValidation {

  private ClusterValidation() {}

  /** What is unhealthy, in words; empty when the cluster is fine. */
  static List<String> problems(List<ClusterNode> nodes, List<NodePod> kubeSystem) {
    List<String> problems = new ArrayList<>();
    nodes.stream()
        .filter(n -> !n.isDraining() && !n.ready())
        .forEach(n -> problems.add("node " + n.name() + " is not Ready"));
    kubeSystem.stream()
        .filter(p -> !p.ready() && !p.leaving())
        .forEach(p -> problems.add("kube-system/" + p.name() + " is not ready"));
    return problems;
  }
}
