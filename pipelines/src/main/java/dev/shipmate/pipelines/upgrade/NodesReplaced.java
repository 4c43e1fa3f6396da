package dev.shipmate.pipelines.upgrade;

/** The output of the {@code nodes} step: how many nodes the plan replaced. */
public record NodesReplaced(int nodes) {}
