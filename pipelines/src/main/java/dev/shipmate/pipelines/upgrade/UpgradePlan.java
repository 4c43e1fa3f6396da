package dev.shipmate.pipelines.upgrade;

import java.util.List;
import java.util.Optional;

/**
 * What an upgrade will do, found by the preflight and stored with the run: the control plane's
 * move, then the node groups in order with the nodes each will replace, oldest first.
 *
 * @param controlPlaneFrom the control plane's minor version when the preflight read it
 * @param controlPlaneMoves whether the control plane goes up a minor version first
 * @param warnings what may slow the run without stopping it (budgets that allow no disruption now)
 * @param estimateMinutes the whole run, by the per-node and control-plane figures of {@link
 *     UpgradeSettings}
 * @param nodeImage the image self-managed groups' new nodes start, found once by the preflight so
 *     that a build published during the run does not give a group a second template version; empty
 *     when no self-managed node is replaced (or for a plan stored by an older Shipmate)
 */
public record UpgradePlan(
    String cluster,
    String provider,
    String controlPlaneFrom,
    String target,
    boolean controlPlaneMoves,
    List<PlannedGroup> groups,
    List<String> warnings,
    long estimateMinutes,
    Optional<String> nodeImage) {

  public UpgradePlan {
    groups = List.copyOf(groups);
    warnings = List.copyOf(warnings);
    nodeImage = nodeImage == null ? Optional.empty() : nodeImage;
  }

  /** A plan with no self-managed image to start. */
  public UpgradePlan(
      String cluster,
      String provider,
      String controlPlaneFrom,
      String target,
      boolean controlPlaneMoves,
      List<PlannedGroup> groups,
      List<String> warnings,
      long estimateMinutes) {
    this(
        cluster,
        provider,
        controlPlaneFrom,
        target,
        controlPlaneMoves,
        groups,
        warnings,
        estimateMinutes,
        Optional.empty());
  }

  /** How each kind of group is upgraded. */
  public enum GroupKind {
    /** Self-managed control-plane nodes: replaced node by node, before everything else. */
    CONTROL_PLANE,
    /** Self-managed worker nodes in an Auto Scaling group: replaced node by node. */
    AUTO_SCALING,
    /** An EKS managed node group: EKS replaces its nodes (UpdateNodegroupVersion). */
    EKS_MANAGED
  }

  /** A group and the nodes it will replace, in order. */
  public record PlannedGroup(String name, GroupKind kind, List<PlannedNode> nodes) {
    public PlannedGroup {
      nodes = List.copyOf(nodes);
    }
  }

  /** A node to replace and the kubelet it runs now. */
  public record PlannedNode(String name, String kubeletVersion) {}

  public MinorVersion targetVersion() {
    return MinorVersion.of(target);
  }

  /** Every node the plan replaces, across groups, in order. */
  public List<String> nodeNames() {
    return groups.stream().flatMap(g -> g.nodes().stream()).map(PlannedNode::name).toList();
  }

  public boolean nothingToDo() {
    return !controlPlaneMoves && nodeNames().isEmpty();
  }
}
