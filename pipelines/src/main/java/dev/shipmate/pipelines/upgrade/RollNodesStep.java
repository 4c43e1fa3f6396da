package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code nodes}: the plan's groups in order (a self-managed control-plane group first), each until
 * every node runs the target version. Each check does at most one thing and answers "check again",
 * so the run can stop (crash, restart, pause) between any two checks and carry on from what the
 * cluster shows; nodes already at the target are never touched again.
 */
final class RollNodesStep implements Step<UpgradeRequest> {
  static final String NAME = "nodes";

  private final UpgradeTargets targets;
  private final UpgradeGateways gateways;
  private final GroupRoll autoScaling;
  private final GroupRoll managed;
  private final Duration perNode;
  private final BatchChecks checks;

  RollNodesStep(
      UpgradeTargets targets,
      UpgradeGateways gateways,
      GroupRoll autoScaling,
      GroupRoll managed,
      BatchChecks checks,
      Duration perNode) {
    this.perNode = perNode;
    this.targets = targets;
    this.gateways = gateways;
    this.autoScaling = autoScaling;
    this.managed = managed;
    this.checks = checks;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Each node has its own deadlines (drain, join, validation); this only bounds the whole. */
  @Override
  public Duration timeout() {
    return Duration.ofDays(2);
  }

  /**
   * Each node's work (cordon, drain, replace, validate) moves the note on within about one node's
   * estimate; the watchdog flags a run whose note stood still {@code watchdogs.stuckFactor} times
   * that.
   */
  @Override
  public Optional<Duration> expected() {
    return Optional.of(perNode);
  }

  /**
   * Cancelled (or timed out) in the middle of a node: a node cordoned for its drain whose instance
   * still runs takes pods again. Nodes already replaced stay replaced; an EKS update under way is
   * EKS's to finish.
   */
  @Override
  public void onCancel(StepContext<UpgradeRequest> context) {
    checks.forget(context.runId());
    NodeGateway k8s = gateways.nodes(targets.resolve(context.params()));
    for (ClusterNode node : k8s.nodes()) {
      if (node.isDraining() && node.ready()) {
        k8s.releaseFromDrain(node.name());
      }
    }
  }

  @Override
  public StepResult execute(StepContext<UpgradeRequest> context) {
    UpgradePlan plan = context.output(PreflightStep.NAME, UpgradePlan.class);
    Cluster cluster = targets.resolve(context.params());
    for (UpgradePlan.PlannedGroup group : plan.groups()) {
      GroupRoll roll = group.kind() == UpgradePlan.GroupKind.EKS_MANAGED ? managed : autoScaling;
      Optional<StepResult> result = roll.check(context, cluster, plan, group);
      if (result.isPresent()) {
        return result.get();
      }
    }
    checks.forget(context.runId());
    int nodes = plan.nodeNames().size();
    if (nodes == 0) {
      return StepResult.skipped("every node already runs " + plan.target());
    }
    String runId = context.runId().value();
    List<String> skipped =
        gateways.nodes(cluster).nodes().stream()
            .filter(node -> node.isSkippedBy(runId))
            .map(ClusterNode::name)
            .toList();
    if (skipped.isEmpty()) {
      return StepResult.done(new NodesReplaced(nodes, skipped));
    }
    return StepResult.done(
        new NodesReplaced(nodes, skipped),
        String.join(", ", skipped)
            + (skipped.size() == 1 ? " was" : " were")
            + " skipped and still "
            + (skipped.size() == 1 ? "runs" : "run")
            + " the old version; /upgrade "
            + plan.cluster()
            + " "
            + plan.target()
            + " again replaces "
            + (skipped.size() == 1 ? "it" : "them")
            + ".");
  }
}
