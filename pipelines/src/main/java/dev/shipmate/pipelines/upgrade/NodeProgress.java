package dev.shipmate.pipelines.upgrade;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the run is among the plan's nodes, counted from the cluster: a planned node is done once it
 * is gone, runs the target version, or was skipped by this run. {@code node 3/8} is the first not
 * done.
 */
record NodeProgress(int done, int total) {

  static NodeProgress of(UpgradePlan plan, List<ClusterNode> nodes, String runId) {
    Map<String, ClusterNode> byName =
        nodes.stream().collect(Collectors.toMap(ClusterNode::name, Function.identity()));
    MinorVersion target = plan.targetVersion();
    List<String> planned = plan.nodeNames();
    int done =
        (int)
            planned.stream()
                .filter(
                    name -> {
                      ClusterNode node = byName.get(name);
                      return node == null || node.isAt(target) || node.isSkippedBy(runId);
                    })
                .count();
    return new NodeProgress(done, planned.size());
  }

  /**
   * Where the run is while it drains {@code draining}, without reading the other nodes: the plan
   * replaces its nodes in its own order (oldest first, group by group), so every planned node
   * before the first one draining is done. Empty when a draining node is not in the plan (cordoned
   * by an earlier run): then only the whole cluster tells.
   */
  static Optional<NodeProgress> whileDraining(UpgradePlan plan, List<ClusterNode> draining) {
    List<String> planned = plan.nodeNames();
    int first = Integer.MAX_VALUE;
    for (ClusterNode node : draining) {
      int index = planned.indexOf(node.name());
      if (index < 0) {
        return Optional.empty();
      }
      first = Math.min(first, index);
    }
    return draining.isEmpty()
        ? Optional.empty()
        : Optional.of(new NodeProgress(first, planned.size()));
  }

  /** {@code node 3/8}. */
  String current() {
    return "node " + Math.min(done + 1, Math.max(total, 1)) + "/" + total;
  }

  /**
   * {@code node 2/8} while the last node taken out (the second) is being replaced and validated: it
   * already counts as done, since its instance is gone, but the run is still on it.
   */
  String replaced() {
    return "node " + Math.max(done, 1) + "/" + total;
  }

  boolean first() {
    return done == 0;
  }
}
