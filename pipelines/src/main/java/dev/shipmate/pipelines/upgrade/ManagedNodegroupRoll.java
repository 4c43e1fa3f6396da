package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.Question;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * An EKS managed node group: UpdateNodegroupVersion, then followed until the group is ACTIVE at the
 * target. EKS itself surges a node, drains the old one through the Eviction API and terminates it,
 * one at a time; the card counts nodes at the target version from the cluster. Once the group is at
 * the target, the cluster's checks run ({@link BatchChecks}).
 */
final class ManagedNodegroupRoll implements GroupRoll {

  /** The answers when EKS's update ended below the target; stopping the run is the card's Abort. */
  static final String RETRY = "retry";

  static final String FORCE = "force";

  private final UpgradeGateways gateways;
  private final UpgradeSettings settings;
  private final BatchChecks checks;

  ManagedNodegroupRoll(UpgradeGateways gateways, UpgradeSettings settings, BatchChecks checks) {
    this.gateways = gateways;
    this.settings = settings;
    this.checks = checks;
  }

  @Override
  public Optional<StepResult> check(
      StepContext<UpgradeRequest> context,
      Cluster cluster,
      UpgradePlan plan,
      UpgradePlan.PlannedGroup planned) {
    EksGateway eks = gateways.eks(cluster);
    String name = Preflight.eksName(cluster);
    MinorVersion target = plan.targetVersion();
    EksGateway.ManagedNodegroup group = eks.nodegroup(name, planned.name());
    boolean active = "ACTIVE".equals(group.status());
    if (active && !group.version().isBefore(target)) {
      // EKS replaced the group's nodes as one batch: the cluster's checks before the next group.
      return planned.nodes().isEmpty()
          ? Optional.empty()
          : checks.after(
              context, cluster, "group " + planned.name(), "node group " + planned.name());
    }
    if ("UPDATING".equals(group.status())) {
      return Optional.of(StepResult.running(settings.poll(), progress(cluster, plan, planned)));
    }
    if (!active) {
      return Optional.of(
          StepResult.failed(
              FailureKind.PERMANENT,
              "node group "
                  + planned.name()
                  + " is "
                  + group.status()
                  + ": EKS updates a node group only when it is ACTIVE. Its health issues in the EKS"
                  + " console say why; then /upgrade "
                  + plan.cluster()
                  + " "
                  + plan.target()
                  + " again."));
    }
    boolean changedDuringThisStep =
        !group.modifiedAt().isBefore(context.stepStartedAt().truncatedTo(ChronoUnit.SECONDS));
    if (context.attempt() > 1 && changedDuringThisStep) {
      // ACTIVE below the target after this step touched it: the update it started ended badly.
      Optional<Decision> decision = context.decision();
      if (decision.isPresent()
          && (RETRY.equals(decision.get().choice()) || FORCE.equals(decision.get().choice()))) {
        boolean force = FORCE.equals(decision.get().choice());
        eks.updateNodegroup(name, planned.name(), target, force);
        return Optional.of(
            StepResult.running(
                settings.poll(),
                "node group "
                    + planned.name()
                    + ": "
                    + decision.get().by()
                    + (force
                        ? " chose to force the update: EKS deletes the pods budgets keep"
                        : " chose to try again: EKS is starting its update to " + target)));
      }
      return Optional.of(StepResult.ask(ended(plan, planned, cluster, name, target)));
    }
    // The in-flight rule: EKS rolls a group's nodes by itself once asked, so a freeze holds the
    // run before the group's update starts, never in the middle of one.
    Optional<FreezeHold> hold = context.freezeHold();
    if (hold.isPresent()) {
      return Optional.of(
          StepResult.held(
              hold.get(), "node group " + planned.name() + " waits to be updated to " + target));
    }
    eks.updateNodegroup(name, planned.name(), target, false);
    return Optional.of(
        StepResult.running(
            settings.poll(),
            "node group " + planned.name() + ": EKS is starting its update to " + target));
  }

  /**
   * What a person is asked when EKS's update ended below the target (EKS gives up after 15 minutes
   * of refused evictions): try again, or force it, which deletes the pods their budgets keep.
   */
  private Question ended(
      UpgradePlan plan,
      UpgradePlan.PlannedGroup planned,
      Cluster cluster,
      String name,
      MinorVersion target) {
    List<String> blocking =
        gateways.nodes(cluster).budgets().stream()
            .filter(DisruptionBudget::blocks)
            .map(DisruptionBudget::describe)
            .toList();
    String text =
        "node group "
            + planned.name()
            + ": EKS's update to "
            + target
            + " ended without reaching it"
            + (blocking.isEmpty()
                ? ""
                : " (EKS gives up when pods cannot be evicted for 15 minutes; "
                    + String.join(", ", blocking)
                    + " allows no disruption)")
            + ". Its update history (aws eks list-updates --name "
            + name
            + " --nodegroup-name "
            + planned.name()
            + ") says why. Try again starts the update again; Force update has EKS delete the"
            + " pods their budgets keep.";
    return new Question(
        text,
        List.of(
            Question.Choice.of(RETRY, "Try again"),
            Question.Choice.destructive(FORCE, "Force update")));
  }

  /** {@code node group general: 2 of 3 nodes at 1.32 (EKS replaces them one by one)}. */
  private String progress(Cluster cluster, UpgradePlan plan, UpgradePlan.PlannedGroup planned) {
    List<ClusterNode> nodes =
        gateways.nodes(cluster).nodes().stream()
            .filter(n -> planned.name().equals(n.labels().get(Preflight.NODEGROUP_LABEL)))
            .filter(ClusterNode::ready)
            .toList();
    long at = nodes.stream().filter(n -> n.isAt(plan.targetVersion())).count();
    return "node group "
        + planned.name()
        + ": "
        + at
        + " of "
        + nodes.size()
        + " nodes at "
        + plan.target()
        + " (EKS replaces them one by one)";
  }
}
