package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.FreezeHold;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A self-managed Auto Scaling group, node by node, as kops rolls it: a new launch template version
 * for the target, then the old nodes, oldest first — the first of the run alone, as a canary, then
 * up to {@code clusters.NAME.asg.maxUnavailable} at a time: cordon → drain through the Eviction API
 * ({@link NodeDrains}) → terminate the instance without lowering the desired capacity → wait for
 * the replacements to join Ready → validate the cluster → the cluster's checks ({@link
 * BatchChecks}) → next.
 */
final class AutoScalingGroupRoll implements GroupRoll {

  private final UpgradeGateways gateways;
  private final NodeImages images;
  private final UpgradeSettings settings;
  private final NodeDrains drains;
  private final BatchChecks checks;

  AutoScalingGroupRoll(
      UpgradeGateways gateways, NodeImages images, UpgradeSettings settings, BatchChecks checks) {
    this.gateways = gateways;
    this.images = images;
    this.settings = settings;
    this.drains = new NodeDrains(settings);
    this.checks = checks;
  }

  @Override
  public Optional<StepResult> check(
      StepContext<UpgradeRequest> context,
      Cluster cluster,
      UpgradePlan plan,
      UpgradePlan.PlannedGroup planned) {
    AutoScalingGateway asg = gateways.autoScaling(cluster);
    NodeGateway k8s = gateways.nodes(cluster);
    MinorVersion target = plan.targetVersion();
    AsgGroup group = asg.group(planned.name());

    if (planned.kind() == UpgradePlan.GroupKind.AUTO_SCALING && plan.controlPlaneMoves()) {
      // Nodes never ahead of the control plane: the API server must report the target first —
      // before the group gets the new template, or an instance it launches meanwhile (a scale-out,
      // a health replacement) would start ahead of it.
      Optional<MinorVersion> reported = k8s.controlPlaneVersion();
      if (reported.isEmpty()) {
        // Unreadable is not "at the target": nodes wait rather than risk running ahead.
        return Optional.of(
            StepResult.running(
                settings.poll(),
                "waiting for the API server to report "
                    + target
                    + " (its /version names no version Shipmate can read)"));
      }
      MinorVersion apiServer = reported.get();
      if (apiServer.isBefore(target)) {
        return Optional.of(
            StepResult.running(
                settings.poll(),
                "waiting for the API server to report "
                    + target
                    + " (it reports "
                    + apiServer
                    + ")"));
      }
    }

    if (planned.nodes().isEmpty()) {
      // Every node of the group already ran the target at the preflight: nothing to change.
      return Optional.empty();
    }
    Optional<String> template = newTemplateVersion(context, cluster, plan, asg, group, target);
    if (template.isPresent()) {
      return Optional.of(StepResult.running(Duration.ZERO, template.get()));
    }
    String runId = context.runId().value();
    // A terminating instance is the group's to replace: its node (still there a while on real
    // AWS) is no longer a member to drain or to pick.
    Set<String> instanceIds =
        group.instances().stream()
            .filter(i -> !i.leaving())
            .map(AsgGroup.AsgInstance::id)
            .collect(Collectors.toSet());
    // Most checks find a drain under way: they read the cordoned nodes only (and the pods on
    // them, NodeDrains), not every node of the cluster.
    List<ClusterNode> cordoned = members(k8s.cordonedNodes(), instanceIds);
    List<ClusterNode> drainingNow = cordoned.stream().filter(ClusterNode::isDraining).toList();
    if (!drainingNow.isEmpty()) {
      NodeProgress progress =
          NodeProgress.whileDraining(plan, drainingNow)
              .orElseGet(() -> NodeProgress.of(plan, k8s.nodes(), runId));
      return Optional.of(drains.check(context, k8s, asg, drainingNow, progress));
    }
    List<ClusterNode> nodes = k8s.nodes();
    NodeProgress progress = NodeProgress.of(plan, nodes, runId);
    List<ClusterNode> members = members(nodes, instanceIds);

    // Uncordoned by hand while its drain was under way: still this run's to drain, as before.
    List<ClusterNode> draining = members.stream().filter(ClusterNode::isDraining).toList();
    if (!draining.isEmpty()) {
      return Optional.of(drains.check(context, k8s, asg, draining, progress));
    }
    Optional<StepResult> joining = awaitReplacement(context, asg, group, members, progress);
    if (joining.isPresent()) {
      return joining;
    }
    List<String> unhealthy = ClusterValidation.problems(nodes, k8s.podsIn("kube-system"));
    if (!unhealthy.isEmpty()) {
      Instant since =
          members.stream()
              .map(ClusterNode::created)
              .max(Comparator.naturalOrder())
              .orElse(context.now());
      if (!context.now().isBefore(since.plus(settings.validateTimeout()))) {
        return Optional.of(
            StepResult.failed(
                FailureKind.PERMANENT,
                progress.replaced()
                    + ": the cluster is not healthy "
                    + Preflight.minutes(settings.validateTimeout())
                    + " after the last node joined: "
                    + String.join(", ", unhealthy)
                    + ". The upgrade stopped there; fix it, then /upgrade "
                    + plan.cluster()
                    + " "
                    + plan.target()
                    + " again (nodes already at "
                    + plan.target()
                    + " are kept)."));
      }
      return Optional.of(
          StepResult.running(
              settings.poll(),
              progress.replaced()
                  + ": validating the cluster ("
                  + String.join(", ", unhealthy)
                  + ")"));
    }
    if (!progress.first()) {
      // The batch just replaced is in and the cluster valid: its checks before the next one.
      Optional<StepResult> checked =
          checks.after(
              context,
              cluster,
              // This group's own count: the plan's moves on while later groups are replaced.
              "group "
                  + planned.name()
                  + " nodes "
                  + members.stream().filter(n -> n.isAt(target) || n.isSkippedBy(runId)).count(),
              progress.replaced());
      if (checked.isPresent()) {
        return checked;
      }
    }
    List<ClusterNode> left =
        members.stream().filter(n -> !n.isAt(target) && !n.isSkippedBy(runId)).toList();
    if (left.isEmpty()) {
      return Optional.empty();
    }
    // The cluster is whole and valid here: a pause between nodes lands in this state. The run's
    // first node goes alone, as a canary; then up to maxUnavailable at once (control-plane nodes
    // always one by one).
    // The in-flight rule: no new node is taken out while a freeze holds the run (inFlight:
    // upgrade: pause); the run waits here, with the cluster whole, until the freeze ends.
    Optional<FreezeHold> hold = context.freezeHold();
    if (hold.isPresent()) {
      return Optional.of(
          StepResult.held(
              hold.get(),
              progress.first()
                  ? "no node taken out yet; " + progress.current() + " waits"
                  : progress.replaced() + " replaced; " + progress.current() + " waits"));
    }
    int batch =
        progress.first() || planned.kind() == UpgradePlan.GroupKind.CONTROL_PLANE
            ? 1
            : Math.min(maxUnavailable(cluster), left.size());
    List<ClusterNode> next = left.subList(0, batch);
    for (ClusterNode node : next) {
      k8s.cordonForDrain(node.name(), context.now());
    }
    return Optional.of(
        StepResult.running(
            Duration.ZERO,
            progress.current()
                + ": cordoned "
                + next.stream().map(ClusterNode::name).collect(Collectors.joining(", "))
                + (progress.first()
                    ? " (the canary: it goes alone, and is validated first)"
                    : "")));
  }

  /** The nodes whose instances are in the group and not leaving it. */
  private static List<ClusterNode> members(List<ClusterNode> nodes, Set<String> instanceIds) {
    return nodes.stream()
        .filter(n -> n.instanceId().map(instanceIds::contains).orElse(false))
        .toList();
  }

  private static int maxUnavailable(Cluster cluster) {
    return cluster.asg().map(Cluster.Asg::maxUnavailable).orElse(1);
  }

  /** Points the group at a launch template version starting the target's image, once. */
  private Optional<String> newTemplateVersion(
      StepContext<UpgradeRequest> context,
      Cluster cluster,
      UpgradePlan plan,
      AutoScalingGateway asg,
      AsgGroup group,
      MinorVersion target) {
    // The preflight's choice; a plan an older Shipmate stored has none, so look it up.
    String image = plan.nodeImage().orElseGet(() -> images.imageFor(cluster, target));
    if (image.equals(asg.imageOf(group.templateId(), group.templateVersion()))) {
      return Optional.empty();
    }
    // A version made before a restart, not yet given to the group, is used rather than made again.
    long version =
        image.equals(asg.imageOf(group.templateId(), "$Latest"))
            ? asg.versionNumber(group.templateId(), "$Latest")
            : asg.createTemplateVersion(
                group.templateId(),
                group.templateVersion(),
                image,
                "Kubernetes " + target + " (Shipmate " + context.runId() + ")");
    asg.useTemplateVersion(group.name(), group.templateId(), version);
    return Optional.of(
        "group "
            + group.name()
            + ": new nodes start "
            + image
            + " (launch template version "
            + version
            + ")");
  }

  /** Waits until every instance of the group is in service with a Ready node. */
  private Optional<StepResult> awaitReplacement(
      StepContext<UpgradeRequest> context,
      AutoScalingGateway asg,
      AsgGroup group,
      List<ClusterNode> members,
      NodeProgress progress) {
    Set<String> readyInstances =
        members.stream()
            .filter(ClusterNode::ready)
            .map(n -> n.instanceId().orElseThrow())
            .collect(Collectors.toSet());
    Optional<AsgGroup.AsgInstance> joining =
        group.instances().stream()
            .filter(i -> !i.leaving())
            .filter(i -> !i.inService() || !readyInstances.contains(i.id()))
            .findFirst();
    if (joining.isPresent()) {
      AsgGroup.AsgInstance instance = joining.get();
      Instant launched = asg.launchTime(instance.id()).orElse(context.now());
      if (!context.now().isBefore(launched.plus(settings.joinTimeout()))) {
        return Optional.of(
            StepResult.failed(
                FailureKind.TIMEOUT,
                progress.replaced()
                    + ": the replacement instance "
                    + instance.id()
                    + " of group "
                    + group.name()
                    + " has not joined as a Ready node "
                    + Preflight.minutes(settings.joinTimeout())
                    + " after it launched ("
                    + instance.lifecycleState()
                    + "). Look at its system log in EC2, then /upgrade "
                    + context.params().cluster()
                    + " "
                    + context.params().version()
                    + " again: nodes already replaced are kept."));
      }
      return Optional.of(
          StepResult.running(
              settings.poll(),
              progress.replaced()
                  + ": waiting for "
                  + instance.id()
                  + " to join group "
                  + group.name()
                  + " ("
                  + instance.lifecycleState()
                  + ")"));
    }
    long live = group.instances().stream().filter(i -> !i.leaving()).count();
    if (live < group.desiredCapacity()) {
      return Optional.of(
          StepResult.running(
              settings.poll(),
              progress.replaced()
                  + ": waiting for group "
                  + group.name()
                  + " to launch a replacement"));
    }
    return Optional.empty();
  }
}
