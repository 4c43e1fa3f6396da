package dev.shipmate.pipelines.upgrade;

import java.util.List;
import java.util.Map;
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
