package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.Question;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A self-managed Auto Scaling group, node by node, as kops rolls it: a new launch template version
 * for the target, then for each old node (oldest first; the first of the run alone, as a canary, as
 * every node is): cordon → drain through the Eviction API (DaemonSet and mirror pods stay; a
 * budget's 429 is retried) → terminate the instance without lowering the desired capacity → wait
 * for the replacement to join Ready → validate the cluster → next.
 */
final class AutoScalingGroupRoll implements GroupRoll {

  /** The answers to a stuck drain's question; stopping the run is the card's Abort. */
  static final String WAIT = "wait";

  static final String EVICT = "evict";
  static final String SKIP = "skip";

  /** How many blocked pods a message names before it says "and N more". */
  private static final int MAX_NAMED = 5;

  private final UpgradeGateways gateways;
  private final NodeImages images;
  private final UpgradeSettings settings;

  AutoScalingGroupRoll(UpgradeGateways gateways, NodeImages images, UpgradeSettings settings) {
    this.gateways = gateways;
    this.images = images;
    this.settings = settings;
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

    Optional<String> template = newTemplateVersion(context, asg, group, target);
    if (template.isPresent()) {
      return Optional.of(StepResult.running(Duration.ZERO, template.get()));
    }
    if (planned.kind() == UpgradePlan.GroupKind.AUTO_SCALING && plan.controlPlaneMoves()) {
      // Nodes never ahead of the control plane: the API server must report the target first.
      MinorVersion apiServer = k8s.controlPlaneVersion().orElse(target);
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

    List<ClusterNode> nodes = k8s.nodes();
    String runId = context.runId().value();
    NodeProgress progress = NodeProgress.of(plan, nodes, runId);
    // A terminating instance is the group's to replace: its node (still there a while on real
    // AWS) is no longer a member to drain or to pick.
    Set<String> instanceIds =
        group.instances().stream()
            .filter(i -> !i.leaving())
            .map(AsgGroup.AsgInstance::id)
            .collect(Collectors.toSet());
    List<ClusterNode> members =
        nodes.stream()
            .filter(n -> n.instanceId().map(instanceIds::contains).orElse(false))
            .toList();

    Optional<ClusterNode> draining = members.stream().filter(ClusterNode::isDraining).findFirst();
    if (draining.isPresent()) {
      return Optional.of(drain(context, k8s, asg, draining.get(), progress));
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
                progress.current()
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
              progress.current()
                  + ": validating the cluster ("
                  + String.join(", ", unhealthy)
                  + ")"));
    }
    Optional<ClusterNode> next =
        members.stream().filter(n -> !n.isAt(target) && !n.isSkippedBy(runId)).findFirst();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    // The cluster is whole and valid here: a pause between nodes lands in this state.
    k8s.cordonForDrain(next.get().name(), context.now());
    return Optional.of(
        StepResult.running(
            Duration.ZERO,
            progress.current()
                + ": cordoned "
                + next.get().name()
                + (progress.first()
                    ? " (the canary: it goes alone, and is validated first)"
                    : "")));
  }

  /** Points the group at a launch template version starting the target's image, once. */
  private Optional<String> newTemplateVersion(
      StepContext<UpgradeRequest> context,
      AutoScalingGateway asg,
      AsgGroup group,
      MinorVersion target) {
    String image = images.imageFor(target);
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

  private StepResult drain(
      StepContext<UpgradeRequest> context,
      NodeGateway k8s,
      AutoScalingGateway asg,
      ClusterNode node,
      NodeProgress progress) {
    Instant now = context.now();
    Instant started = node.drainStarted().orElse(now);
    boolean forced = node.drainForcedBy().isPresent();
    Optional<Decision> decision = context.decision();
    if (decision.isPresent()) {
      String by = decision.get().by();
      switch (decision.get().choice()) {
        case SKIP -> {
          k8s.skip(node.name(), context.runId().value());
          return StepResult.running(
              Duration.ZERO,
              progress.current()
                  + ": "
                  + by
                  + " chose to skip "
                  + node.name()
                  + "; it takes pods again and stays at "
                  + node.kubeletVersion());
        }
        case WAIT -> {
          k8s.restartDrainClock(node.name(), now);
          started = now;
        }
        case EVICT -> {
          k8s.forceDrain(node.name(), by);
          forced = true;
        }
        default -> {
          // An answer this build does not offer (a button of an older version): ask again.
        }
      }
    }
    List<NodePod> moving = k8s.podsOn(node.name()).stream().filter(NodePod::mustMove).toList();
    List<NodePod> refused = new ArrayList<>();
    for (NodePod pod : moving) {
      if (pod.leaving() || k8s.evict(pod)) {
        continue;
      }
      if (forced) {
        k8s.delete(pod);
      } else {
        refused.add(pod);
      }
    }
    List<NodePod> left = k8s.podsOn(node.name()).stream().filter(NodePod::mustMove).toList();
    if (left.isEmpty()) {
      String instance = node.instanceId().orElseThrow();
      asg.terminateAndReplace(instance);
      return StepResult.running(
          Duration.ZERO,
          progress.current()
              + ": drained "
              + node.name()
              + " and terminated "
              + instance
              + "; its replacement is starting");
    }
    String blockers = blockers(refused, k8s.budgets());
    if (!now.isBefore(started.plus(settings.drainTimeout()))) {
      return StepResult.ask(stuck(node, progress, left, blockers, forced));
    }
    return StepResult.running(
        settings.evictionRetry(),
        progress.current()
            + ": draining "
            + node.name()
            + " ("
            + left.size()
            + (left.size() == 1 ? " pod" : " pods")
            + " left"
            + (forced ? ", deleting what budgets keep" : "")
            + (blockers.isEmpty() ? "" : "; " + blockers)
            + ")");
  }

  /** What a person is asked when a drain is stuck past its timeout: the node stays cordoned. */
  private Question stuck(
      ClusterNode node,
      NodeProgress progress,
      List<NodePod> left,
      String blockers,
      boolean forced) {
    String wait = Preflight.minutes(settings.drainTimeout());
    String text =
        progress.current()
            + ": the drain of "
            + node.name()
            + " is stuck after "
            + wait
            + ": "
            + (blockers.isEmpty() ? names(left) + " did not leave" : blockers)
            + ". Wait longer gives it another "
            + wait
            + (forced ? "" : "; Evict anyway deletes the pods their budgets keep")
            + "; Skip node puts "
            + node.name()
            + " back in service at "
            + node.kubeletVersion()
            + " and goes on with the next node.";
    List<Question.Choice> choices = new ArrayList<>();
    choices.add(Question.Choice.of(WAIT, "Wait longer"));
    if (!forced) {
      choices.add(Question.Choice.destructive(EVICT, "Evict anyway"));
    }
    choices.add(Question.Choice.of(SKIP, "Skip node"));
    return new Question(text, choices);
  }

  /** {@code prod/web-abc is held by PodDisruptionBudget prod/web (needs 2 healthy pods, has 2)}. */
  static String blockers(List<NodePod> refused, List<DisruptionBudget> budgets) {
    List<String> words = new ArrayList<>();
    for (NodePod pod : refused) {
      String by =
          budgets.stream()
              .filter(b -> b.covers(pod))
              .map(DisruptionBudget::describe)
              .findFirst()
              .orElse("a disruption budget");
      words.add(pod.qualifiedName() + " is held by " + by);
    }
    // A node full of blocked pods would make the card and the question unreadable.
    if (words.size() > MAX_NAMED) {
      int more = words.size() - MAX_NAMED;
      return String.join(", ", words.subList(0, MAX_NAMED)) + " and " + more + " more";
    }
    return String.join(", ", words);
  }

  private static String names(List<NodePod> pods) {
    if (pods.size() > MAX_NAMED) {
      return pods.stream()
              .limit(MAX_NAMED)
              .map(NodePod::qualifiedName)
              .collect(Collectors.joining(", "))
          + " and "
          + (pods.size() - MAX_NAMED)
          + " more";
    }
    return pods.stream().map(NodePod::qualifiedName).collect(Collectors.joining(", "));
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
                progress.current()
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
              progress.current()
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
              progress.current()
                  + ": waiting for group "
                  + group.name()
                  + " to launch a replacement"));
    }
    return Optional.empty();
  }
}
