package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Where a cluster's versions stand: the control plane, its nodes by kubelet version, drains. */
record ClusterStatus(
    String cluster,
    String controlPlane,
    Map<String, Long> nodesByVersion,
    List<String> draining,
    List<String> notReady) {

  static ClusterStatus read(Cluster cluster, UpgradeGateways gateways) {
    NodeGateway k8s = gateways.nodes(cluster);
    String controlPlane =
        cluster.provider() == Cluster.Provider.EKS
            ? gateways.eks(cluster).controlPlane(Preflight.eksName(cluster)).version().toString()
            : k8s.controlPlaneVersion().map(MinorVersion::toString).orElse("unknown");
    List<ClusterNode> nodes = k8s.nodes();
    Map<String, Long> byVersion =
        nodes.stream()
            .collect(
                Collectors.groupingBy(
                    n -> n.kubelet().map(MinorVersion::toString).orElse("unknown"),
                    TreeMap::new,
                    Collectors.counting()));
    return new ClusterStatus(
        cluster.name(),
        controlPlane,
        byVersion,
        nodes.stream().filter(ClusterNode::isDraining).map(ClusterNode::name).toList(),
        nodes.stream().filter(n -> !n.ready()).map(ClusterNode::name).toList());
  }

  /** {@code dev: control plane 1.32; nodes: 2 at 1.31, 4 at 1.32; draining ip-10-0-1-7}. */
  String describe() {
    String versions =
        nodesByVersion.entrySet().stream()
            .map(e -> e.getValue() + " at " + e.getKey())
            .collect(Collectors.joining(", "));
    StringBuilder text =
        new StringBuilder(cluster)
            .append(": control plane ")
            .append(controlPlane)
            .append("; nodes: ")
            .append(versions.isEmpty() ? "none" : versions);
    if (!draining.isEmpty()) {
      text.append("; draining ").append(String.join(", ", draining));
    }
    if (!notReady.isEmpty()) {
      text.append("; not Ready: ").append(String.join(", ", notReady));
    }
    return text.append('.').toString();
  }
}
