package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.pipelines.upgrade.UpgradePlan.GroupKind;
import dev.shipmate.pipelines.upgrade.UpgradePlan.PlannedGroup;
import dev.shipmate.pipelines.upgrade.UpgradePlan.PlannedNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a cluster and says whether it can go to the target version now, and how: one minor version
 * at a time, control plane first and nodes never ahead of it, every node Ready, kube-system
 * healthy, room for the pods of the node being replaced, an image for a self-managed group's new
 * nodes; the budgets that allow no disruption now are named; the plan lists the groups, their nodes
 * in order and an estimate. It changes nothing.
 */
public final class Preflight {

  /** The label EKS puts on the nodes of a managed node group. */
  public static final String NODEGROUP_LABEL = "eks.amazonaws.com/nodegroup";

  private static final int NAMED_AT_MOST = 5;

  private final UpgradeTargets targets;
  private final UpgradeGateways gateways;
  private final NodeImages images;
  private final UpgradeSettings settings;

  public Preflight(
      UpgradeTargets targets,
      UpgradeGateways gateways,
      NodeImages images,
      UpgradeSettings settings) {
    this.targets = targets;
    this.gateways = gateways;
    this.images = images;
    this.settings = settings;
  }

  /** The plan, and what stops it (empty when the upgrade may go ahead). */
  public record Result(UpgradePlan plan, List<String> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean ready() {
      return problems.isEmpty();
    }
  }

  /**
   * @throws UpgradeRefusedException when the cluster or version cannot even be read
   */
  public Result check(UpgradeRequest request) {
    Cluster cluster = targets.resolve(request);
    MinorVersion target = MinorVersion.of(request.version());
    NodeGateway k8s = gateways.nodes(cluster);
    List<String> problems = new ArrayList<>();

    MinorVersion controlPlane = controlPlaneVersion(cluster, k8s);
    boolean moves = target.isAfter(controlPlane);
    if (target.isBefore(controlPlane)) {
      problems.add(
          "the control plane of "
              + cluster.name()
              + " already runs "
              + controlPlane
              + ", newer than "
              + target
              + ": Kubernetes is not downgraded. /upgrade "
              + cluster.name()
              + " "
              + controlPlane
              + " brings the nodes to the control plane's version.");
    } else if (target.isAfter(controlPlane.next())) {
      problems.add(
          "one minor version at a time: the control plane runs "
              + controlPlane
              + ", so /upgrade "
              + cluster.name()
              + " "
              + controlPlane.next()
              + " first, then "
              + target
              + ".");
    } else if (moves && selfManagedWithoutControlPlaneGroup(cluster)) {
      problems.add(
          "the control plane of "
              + cluster.name()
              + " runs "
              + controlPlane
              + " and Shipmate does not manage it (no asg.controlPlane): upgrade it to "
              + target
              + " first, then /upgrade "
              + cluster.name()
              + " "
              + target
              + " replaces the nodes.");
    }

    List<ClusterNode> nodes = k8s.nodes();
    List<NodePod> pods = k8s.pods();
    for (ClusterNode node : nodes) {
      if (node.kubelet().map(k -> k.isAfter(controlPlane)).orElse(false)) {
        problems.add(
            "node "
                + node.name()
                + " runs "
                + node.kubeletVersion()
                + ", ahead of the control plane ("
                + controlPlane
                + "): nodes must never be newer than the control plane; replace that node first.");
      }
    }
    List<String> notReady = nodes.stream().filter(n -> !n.ready()).map(ClusterNode::name).toList();
    if (!notReady.isEmpty()) {
      problems.add(
          "not every node is Ready: "
              + names(notReady)
              + ". Fix or remove "
              + (notReady.size() == 1 ? "it" : "them")
              + " before upgrading (kubectl describe node shows why).");
    }
    List<String> unhealthySystem =
        pods.stream()
            .filter(p -> "kube-system".equals(p.namespace()) && !p.ready() && !p.leaving())
            .map(NodePod::name)
            .toList();
    if (!unhealthySystem.isEmpty()) {
      problems.add(
          "kube-system is not healthy: "
              + names(unhealthySystem)
              + " not ready. Fix "
              + (unhealthySystem.size() == 1 ? "it" : "them")
              + " before upgrading.");
    }

    List<PlannedGroup> groups = new ArrayList<>();
    for (GroupNodes group : groups(cluster, nodes)) {
      List<PlannedNode> toReplace =
          group.nodes().stream()
              .filter(n -> !n.isAt(target))
              .map(n -> new PlannedNode(n.name(), n.kubeletVersion()))
              .toList();
      groups.add(new PlannedGroup(group.name(), group.kind(), toReplace));
      if (!toReplace.isEmpty()) {
        List<ClusterNode> replaced = group.nodes().stream().filter(n -> !n.isAt(target)).toList();
        problems.addAll(capacity(cluster, group, replaced, nodes, pods));
      }
    }

    boolean replacesSelfManaged =
        groups.stream().anyMatch(g -> g.kind() != GroupKind.EKS_MANAGED && !g.nodes().isEmpty());
    Optional<String> image = Optional.empty();
    if (replacesSelfManaged) {
      try {
        image = Optional.of(images.imageFor(cluster, target));
      } catch (UpgradeRefusedException e) {
        problems.addAll(e.problems());
      }
    }

    List<String> warnings =
        k8s.budgets().stream()
            .filter(DisruptionBudget::blocks)
            .map(
                b ->
                    b.describe()
                        + " allows no disruption now: a drain of a node running its pods waits"
                        + " for it, and after "
                        + minutes(settings.drainTimeout())
                        + " the run pauses to ask what to do.")
            .toList();

    long nodeCount = groups.stream().mapToLong(g -> g.nodes().size()).sum();
    long estimate =
        (moves && cluster.provider() == Cluster.Provider.EKS
                ? settings.controlPlaneEstimate().toMinutes()
                : 0)
            + nodeCount * settings.perNodeEstimate().toMinutes();
    UpgradePlan plan =
        new UpgradePlan(
            cluster.name(),
            cluster.provider().name().toLowerCase(java.util.Locale.ROOT),
            controlPlane.toString(),
            target.toString(),
            moves,
            groups,
            warnings,
            estimate,
            image);
    return new Result(plan, problems);
  }

  private MinorVersion controlPlaneVersion(Cluster cluster, NodeGateway k8s) {
    if (cluster.provider() == Cluster.Provider.EKS) {
      return gateways.eks(cluster).controlPlane(eksName(cluster)).version();
    }
    return k8s.controlPlaneVersion()
        .orElseThrow(
            () ->
                new UpgradeRefusedException(
                    "the API server of " + cluster.name() + " reports no version on /version."));
  }

  private static boolean selfManagedWithoutControlPlaneGroup(Cluster cluster) {
    return cluster.provider() == Cluster.Provider.ASG
        && cluster.asg().flatMap(Cluster.Asg::controlPlane).isEmpty();
  }

  /** A group's nodes as the cluster lists them. */
  record GroupNodes(String name, GroupKind kind, List<ClusterNode> nodes) {}

  /** The cluster's groups in the order they are upgraded, each with its nodes, oldest first. */
  List<GroupNodes> groups(Cluster cluster, List<ClusterNode> nodes) {
    List<GroupNodes> groups = new ArrayList<>();
    if (cluster.provider() == Cluster.Provider.EKS) {
      for (String nodegroup : cluster.eks().orElseThrow().nodegroups()) {
        groups.add(
            new GroupNodes(
                nodegroup,
                GroupKind.EKS_MANAGED,
                nodes.stream()
                    .filter(n -> nodegroup.equals(n.labels().get(NODEGROUP_LABEL)))
                    .toList()));
      }
      return groups;
    }
    Cluster.Asg asg = cluster.asg().orElseThrow();
    AutoScalingGateway autoScaling = gateways.autoScaling(cluster);
    Map<String, ClusterNode> byInstance =
        nodes.stream()
            .filter(n -> n.instanceId().isPresent())
            .collect(Collectors.toMap(n -> n.instanceId().get(), Function.identity(), (a, b) -> a));
    asg.controlPlane()
        .ifPresent(
            name ->
                groups.add(
                    new GroupNodes(
                        name,
                        GroupKind.CONTROL_PLANE,
                        members(autoScaling.group(name), byInstance))));
    for (String name : asg.groups()) {
      groups.add(
          new GroupNodes(
              name, GroupKind.AUTO_SCALING, members(autoScaling.group(name), byInstance)));
    }
    return groups;
  }

  private static List<ClusterNode> members(AsgGroup group, Map<String, ClusterNode> byInstance) {
    Set<String> ids =
        group.instances().stream().map(AsgGroup.AsgInstance::id).collect(Collectors.toSet());
    return byInstance.entrySet().stream()
        .filter(e -> ids.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparing(ClusterNode::created).thenComparing(ClusterNode::name))
        .toList();
  }

  /**
   * Whether the group can give up a node: an EKS group surges by one (its maximum must allow it); a
   * self-managed group's node is drained before its replacement exists, so the other nodes must
   * have room for the busiest node's pods.
   */
  private List<String> capacity(
      Cluster cluster,
      GroupNodes group,
      List<ClusterNode> replaced,
      List<ClusterNode> nodes,
      List<NodePod> pods) {
    if (group.kind() == GroupKind.EKS_MANAGED) {
      EksGateway.ManagedNodegroup managed =
          gateways.eks(cluster).nodegroup(eksName(cluster), group.name());
      if (managed.maxSize() < managed.desiredSize() + 1) {
        return List.of(
            "node group "
                + group.name()
                + " cannot surge: its maximum size is "
                + managed.maxSize()
                + " and it wants "
                + managed.desiredSize()
                + " nodes. Raise its maximum to "
                + (managed.desiredSize() + 1)
                + " so that EKS can add the new node before removing an old one.");
      }
      return List.of();
    }
    // Each batch the roll will drain together must fit on the other nodes: the first node alone
    // (the canary), then maxUnavailable at a time in plan order; control-plane nodes one by one,
    // onto nodes that tolerate their taint, workers onto untainted ones.
    boolean controlPlane = group.kind() == GroupKind.CONTROL_PLANE;
    int batch = controlPlane ? 1 : cluster.asg().map(Cluster.Asg::maxUnavailable).orElse(1);
    Map<String, Long> podsPerNode =
        pods.stream().collect(Collectors.groupingBy(NodePod::node, Collectors.counting()));
    Map<String, Long> movingPerNode =
        pods.stream()
            .filter(NodePod::mustMove)
            .collect(Collectors.groupingBy(NodePod::node, Collectors.counting()));
    for (List<ClusterNode> drained : batches(replaced, batch)) {
      Set<String> names = drained.stream().map(ClusterNode::name).collect(Collectors.toSet());
      long moving = drained.stream().mapToLong(n -> movingPerNode.getOrDefault(n.name(), 0L)).sum();
      long room =
          nodes.stream()
              .filter(n -> !names.contains(n.name()) && n.ready() && !n.unschedulable())
              .filter(n -> controlPlane || !n.tainted())
              .mapToLong(
                  n -> Math.max(0, n.allocatablePods() - podsPerNode.getOrDefault(n.name(), 0L)))
              .sum();
      if (moving > room) {
        boolean together = drained.size() > 1;
        return List.of(
            "no spare capacity for the drain: "
                + String.join(", ", drained.stream().map(ClusterNode::name).toList())
                + (together ? " (drained together: maxUnavailable " + batch + ") run " : " runs ")
                + moving
                + " pods that must move and the other "
                + (controlPlane ? "" : "untainted ")
                + "nodes have room for "
                + room
                + ". Add a node to "
                + group.name()
                + " (raise its desired capacity)"
                + (together ? " or lower maxUnavailable" : "")
                + " first.");
      }
    }
    return List.of();
  }

  /** The first node alone, then {@code size} at a time: the batches the roll drains. */
  static List<List<ClusterNode>> batches(List<ClusterNode> nodes, int size) {
    List<List<ClusterNode>> batches = new ArrayList<>();
    if (nodes.isEmpty()) {
      return batches;
    }
    batches.add(List.of(nodes.get(0)));
    for (int i = 1; i < nodes.size(); i += size) {
      batches.add(nodes.subList(i, Math.min(nodes.size(), i + size)));
    }
    return batches;
  }

  static String eksName(Cluster cluster) {
    return cluster.eks().orElseThrow().name();
  }

  private static String names(List<String> names) {
    if (names.size() <= NAMED_AT_MOST) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, NAMED_AT_MOST))
        + " and "
        + (names.size() - NAMED_AT_MOST)
        + " more";
  }

  static String minutes(java.time.Duration duration) {
    long minutes = duration.toMinutes();
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
