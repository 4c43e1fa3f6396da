package dev.shipmate.pipelines.upgrade;

import java.util.List;

/**
 * The output of the {@code nodes} step: how many nodes the plan had, and those someone chose to
 * skip ("Skip node"), which stay at their version.
 */
public record NodesReplaced(int nodes, List<String> skipped) {
  public NodesReplaced {
    skipped = List.copyOf(skipped);
  }
}
