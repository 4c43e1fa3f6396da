package dev.shipmate.pipelines.upgrade;

import dev.shipmate.pipelines.upgrade.UpgradePlan.PlannedGroup;
import dev.shipmate.pipelines.upgrade.UpgradePlan.PlannedNode;
import java.util.List;
import java.util.stream.Collectors;

/** A preflight's result in words: what {@code /upgrade prod-eu 1.32 --dry-run} answers. */
public final class UpgradePlanText {

  /** Nodes named per group; the rest are counted. */
  static final int NODES_NAMED = 12;

  private UpgradePlanText() {}

  public static String render(Preflight.Result result) {
    UpgradePlan plan = result.plan();
    StringBuilder text = new StringBuilder();
    text.append("Upgrade of ")
        .append(plan.cluster())
        .append(" to Kubernetes ")
        .append(plan.target())
        .append(result.ready() ? "" : " — cannot start now")
        .append(":\n");
    for (String problem : result.problems()) {
      text.append("✗ ").append(problem).append('\n');
    }
    text.append("• Control plane: ").append(controlPlane(plan)).append('\n');
    for (PlannedGroup group : plan.groups()) {
      text.append("• ").append(group(group, plan.target())).append('\n');
    }
    plan.nodeImage()
        .ifPresent(image -> text.append("• New nodes start image ").append(image).append(".\n"));
    for (String warning : plan.warnings()) {
      text.append("⚠ ").append(warning).append('\n');
    }
    if (result.ready()) {
      text.append(
          plan.nothingToDo()
              ? "Nothing to do: the control plane and every node already run " + plan.target() + "."
              : "Estimate: about " + plan.estimateMinutes() + " minutes.");
    } else {
      text.append("Nothing was started.");
    }
    return text.toString();
  }

  private static String controlPlane(UpgradePlan plan) {
    if (!plan.controlPlaneMoves()) {
      return "already at " + plan.controlPlaneFrom() + ".";
    }
    if ("eks".equals(plan.provider())) {
      return "EKS updates it from " + plan.controlPlaneFrom() + " to " + plan.target() + " first.";
    }
    return plan.controlPlaneFrom()
        + " → "
        + plan.target()
        + ", by replacing the control-plane group's nodes first.";
  }

  private static String group(PlannedGroup group, String target) {
    String how =
        switch (group.kind()) {
          case CONTROL_PLANE -> "control-plane group " + group.name() + ", node by node";
          case AUTO_SCALING ->
              "Auto Scaling group "
                  + group.name()
                  + ", node by node (cordon, drain, replace, validate; the first alone as a canary)";
          case EKS_MANAGED -> "EKS node group " + group.name() + " (UpdateNodegroupVersion)";
        };
    List<PlannedNode> nodes = group.nodes();
    if (nodes.isEmpty()) {
      return how + ": every node already at " + target + ".";
    }
    String named =
        nodes.stream()
            .limit(NODES_NAMED)
            .map(n -> n.name() + " (" + n.kubeletVersion() + ")")
            .collect(Collectors.joining(", "));
    if (nodes.size() > NODES_NAMED) {
      named += " and " + (nodes.size() - NODES_NAMED) + " more";
    }
    return how
        + ": "
        + nodes.size()
        + (nodes.size() == 1 ? " node" : " nodes")
        + ", in this order: "
        + named
        + ".";
  }
}
