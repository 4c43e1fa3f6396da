package dev.shipmate.pipelines.upgrade;

import java.util.Map;

/**
 * A pod bound to a node.
 *
 * @param mustMove false for what a drain leaves (DaemonSet and mirror pods, finished pods)
 * @param leaving true once its deletion has begun (it is terminating, respecting its grace period)
 * @param ready its Ready condition
 */
public record NodePod(
    String namespace,
    String name,
    String node,
    Map<String, String> labels,
    boolean mustMove,
    boolean leaving,
    boolean ready) {

  public NodePod {
    labels = Map.copyOf(labels);
  }

  /** {@code prod/web-7d9f-abcde}. */
  public String qualifiedName() {
    return namespace + "/" + name;
  }
}
