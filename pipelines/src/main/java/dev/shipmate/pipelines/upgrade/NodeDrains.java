package dev.shipmate.pipelines.upgrade;

import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.Decision;
import dev.shipmate.engine.run.Question;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One check of the nodes an upgrade is draining (one, or up to {@code maxUnavailable}): evicts what
 * must leave through the Eviction API, terminates the instance of each node left empty, and when a
 * drain is stuck past its timeout pauses the run to ask a person: Wait longer, Evict anyway (delete
 * what the budgets keep) or Skip node (back in service at its version). The answer is about the
 * first stuck node, the one the question named.
 */
final class NodeDrains {

  /** The answers to a stuck drain's question; stopping the run is the card's Abort. */
  static final String WAIT = "wait";

  static final String EVICT = "evict";
  static final String SKIP = "skip";

  /** How many blocked pods a message names before it says "and N more". */
  private static final int MAX_NAMED = 5;

  private final UpgradeSettings settings;

  NodeDrains(UpgradeSettings settings) {
    this.settings = settings;
  }

  /** What became of one node in this check. */
  private sealed interface Outcome {
    /** Emptied and its instance terminated, or skipped: the check changed something. */
    record Moved(String note) implements Outcome {}

    record Draining(String note) implements Outcome {}

    /** Past its drain timeout: a person is asked. */
    record Stuck(Question question) implements Outcome {}
  }

  StepResult check(
      StepContext<UpgradeRequest> context,
      NodeGateway k8s,
      AutoScalingGateway asg,
      List<ClusterNode> draining,
      NodeProgress progress) {
    Instant now = context.now();
    Optional<String> asked =
        draining.stream().filter(n -> isStuck(n, now)).map(ClusterNode::name).findFirst();
    List<Outcome> outcomes = new ArrayList<>();
    for (ClusterNode node : draining) {
      Optional<Decision> decision =
          asked.equals(Optional.of(node.name())) ? context.decision() : Optional.empty();
      outcomes.add(drain(context, k8s, asg, node, decision, progress));
    }
    List<String> moved =
        outcomes.stream()
            .flatMap(o -> o instanceof Outcome.Moved m ? Stream.of(m.note()) : Stream.empty())
            .toList();
    if (!moved.isEmpty()) {
      return StepResult.running(
          Duration.ZERO, progress.current() + ": " + String.join("; ", moved));
    }
    Optional<Outcome.Stuck> stuck =
        outcomes.stream()
            .filter(o -> o instanceof Outcome.Stuck)
            .map(Outcome.Stuck.class::cast)
            .findFirst();
    if (stuck.isPresent()) {
      return StepResult.ask(stuck.get().question());
    }
    // Neither moved nor stuck: every node is still draining.
    return StepResult.running(
        settings.evictionRetry(),
        progress.current()
            + ": "
            + outcomes.stream()
                .map(o -> ((Outcome.Draining) o).note())
                .collect(Collectors.joining("; ")));
  }

  private boolean isStuck(ClusterNode node, Instant now) {
    return isStuck(node.drainStarted().orElse(now), now);
  }

  private boolean isStuck(Instant drainStarted, Instant now) {
    return !now.isBefore(drainStarted.plus(settings.drainTimeout()));
  }

  private Outcome drain(
      StepContext<UpgradeRequest> context,
      NodeGateway k8s,
      AutoScalingGateway asg,
      ClusterNode node,
      Optional<Decision> decision,
      NodeProgress progress) {
    Instant now = context.now();
    Instant started = node.drainStarted().orElse(now);
    boolean forced = node.drainForcedBy().isPresent();
    if (decision.isPresent()) {
      String by = decision.get().by();
      switch (decision.get().choice()) {
        case SKIP -> {
          k8s.skip(node.name(), context.runId().value());
          return new Outcome.Moved(
              by
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
      return new Outcome.Moved(
          "drained "
              + node.name()
              + " and terminated "
              + instance
              + "; its replacement is starting");
    }
    String blockers = blockers(refused, k8s.budgets());
    if (isStuck(started, now)) {
      return new Outcome.Stuck(stuck(node, progress, left, blockers, forced));
    }
    return new Outcome.Draining(
        "draining "
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
    return firstFew(words);
  }

  private static String names(List<NodePod> pods) {
    return firstFew(pods.stream().map(NodePod::qualifiedName).toList());
  }

  /** A node full of blocked pods would make the card and the question unreadable. */
  private static String firstFew(List<String> words) {
    if (words.size() <= MAX_NAMED) {
      return String.join(", ", words);
    }
    return String.join(", ", words.subList(0, MAX_NAMED))
        + " and "
        + (words.size() - MAX_NAMED)
        + " more";
  }
}
