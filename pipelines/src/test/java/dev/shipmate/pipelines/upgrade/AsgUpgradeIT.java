package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.FreezeTarget;
import dev.shipmate.engine.DecideResult;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.Question;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.pipelines.deploy.DeployRequest;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "/upgrade of a self-managed cluster (six nodes in an Auto Scaling group), on the sandbox")
class AsgUpgradeIT {

  @TempDir Path folder;

  private UpgradeHarness harness;

  @BeforeEach
  void start() {
    harness = new UpgradeHarness(folder, 6, UpgradeSettings.defaults());
    // dev's control plane is not Shipmate's (no asg.controlPlane): someone moved it to 1.32.
    harness.cluster("dev").setKubernetesVersion("1.32.9");
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  @DisplayName(
      "every node is replaced, oldest first, by one at 1.32; web keeps a Ready pod throughout")
  void replacesEveryNode() {
    budget("web", 1);
    Set<String> before = names(harness.nodes("dev"));

    Run run = harness.upgrade("dev", "1.32");
    int leastReady = Integer.MAX_VALUE;
    while (harness.run(run.id()).isActive()) {
      harness.advance(Duration.ofSeconds(5));
      leastReady = Math.min(leastReady, readyWebPods());
    }

    assertThat(harness.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    List<Node> after = harness.nodes("dev");
    assertThat(after).hasSize(6);
    assertThat(after)
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    assertThat(names(after)).doesNotContainAnyElementsOf(before);
    assertThat(leastReady).as("web's Ready pods at the worst moment").isGreaterThanOrEqualTo(1);
    assertThat(readyWebPods()).isEqualTo(2);
    List<String> notes = harness.progressNotes(run.id());
    assertThat(notes).anyMatch(n -> n.startsWith("node 1/6: cordoned") && n.contains("canary"));
    assertThat(notes).anyMatch(n -> n.startsWith("node 6/6: "));
  }

  @Test
  @DisplayName(
      "with maxUnavailable 2, the canary goes alone, then two nodes at a time; no budget is"
          + " broken")
  void twoAtATime() {
    restartWith(
        UpgradeSettings.defaults(),
        UpgradeHarness.CONFIG.replace(
            "groups: [dev-nodes] }", "groups: [dev-nodes], maxUnavailable: 2 }"));
    budget("web", 1);

    Run run = harness.upgrade("dev", "1.32");
    int leastReady = Integer.MAX_VALUE;
    while (harness.run(run.id()).isActive()) {
      harness.advance(Duration.ofSeconds(5));
      leastReady = Math.min(leastReady, readyWebPods());
    }

    assertThat(harness.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.nodes("dev"))
        .hasSize(6)
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    List<String> cordons =
        harness.progressNotes(run.id()).stream().filter(n -> n.contains(": cordoned ")).toList();
    assertThat(cordons).hasSize(4);
    assertThat(cordons.get(0)).startsWith("node 1/6: cordoned ").contains("canary");
    assertThat(cordons.subList(1, 3))
        .allSatisfy(n -> assertThat(n.substring(n.indexOf(": cordoned "))).contains(", "));
    assertThat(leastReady).as("web's Ready pods at the worst moment").isGreaterThanOrEqualTo(1);
  }

  @Test
  @DisplayName(
      "a freeze set mid-upgrade: the node in hand is replaced, no other node is taken out while"
          + " it lasts, and the upgrade goes on by itself when it ends")
  void freezePausesBetweenNodes() {
    Run run = harness.upgrade("dev", "1.32");
    harness.advanceUntil(
        "the second node cordoned",
        () ->
            harness.progressNotes(run.id()).stream()
                .anyMatch(n -> n.startsWith("node 2/6: cordoned")),
        Duration.ofMinutes(30));

    harness
        .engine
        .freezes()
        .freeze(
            new FreezeTarget(FreezeTarget.Kind.CLUSTER, "dev"),
            Duration.ofHours(1),
            "release party",
            "U7");
    Instant frozenUntil = harness.world.clock().instant().plus(Duration.ofHours(1));
    harness.advanceUntil(
        "the run held by the freeze",
        () -> harness.run(run.id()).isPaused(),
        Duration.ofMinutes(30));

    Run held = harness.run(run.id());
    FreezeHold hold = held.pause().orElseThrow().hold().orElseThrow();
    assertThat(hold.freezes()).containsExactly("dev");
    assertThat(hold.until()).isEqualTo(frozenUntil);
    assertThat(harness.events)
        .filteredOn(e -> e instanceof RunEvent.RunHeld)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((RunEvent.RunHeld) e).progress())
                    .isEqualTo("node 2/6 replaced; node 3/6 waits"));
    assertThat(atTarget()).isEqualTo(2);
    assertThat(harness.nodes("dev"))
        .as("the cluster is whole while the run waits")
        .hasSize(6)
        .allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE));

    harness.advance(Duration.between(harness.world.clock().instant(), frozenUntil).minusSeconds(5));
    assertThat(harness.run(run.id()).isPaused()).isTrue();
    assertThat(atTarget()).isEqualTo(2);
    assertThat(harness.nodes("dev"))
        .allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE));

    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofHours(2));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(atTarget()).isEqualTo(6);
    assertThat(harness.progressNotes(run.id())).anyMatch(n -> n.startsWith("node 3/6: cordoned"));
    assertThat(harness.engine.audit(run.id()))
        .extracting(e -> e.action())
        .contains(AuditAction.HELD_BY_FREEZE, AuditAction.RESUMED);
  }

  private long atTarget() {
    return harness.nodes("dev").stream()
        .filter(n -> n.getStatus().getNodeInfo().getKubeletVersion().startsWith("v1.32."))
        .count();
  }

  @Test
  @DisplayName("a deploy to the cluster is refused while it is being upgraded")
  void deployRefused() {
    Run run = harness.upgrade("dev", "1.32");

    StartResult deploy =
        harness.engine.start(
            StartRequest.of("deploy", new DeployRequest("web", "v1.1", "staging"), "U2"));

    assertThat(deploy).isInstanceOf(StartResult.Refused.class);
    assertThat(((StartResult.Refused) deploy).userMessage())
        .contains("cluster:dev")
        .contains(run.id().toString());
  }

  @Test
  @DisplayName(
      "a budget that never allows a disruption is named on the card; after 15 minutes the run"
          + " pauses and asks, naming the pod and the budget")
  void stuckDrainAsks() {
    budget("web", 2);
    Run run = harness.upgrade("dev", "1.32");

    harness.advanceUntil(
        "a progress note naming the budget",
        () ->
            harness.progressNotes(run.id()).stream()
                .anyMatch(n -> n.contains("PodDisruptionBudget staging/web")),
        Duration.ofMinutes(10));
    String note =
        harness.progressNotes(run.id()).stream()
            .filter(n -> n.contains("PodDisruptionBudget staging/web"))
            .findFirst()
            .orElseThrow();
    assertThat(note)
        .matches("node 1/6: draining ip-[0-9-]+\\.eu-west-1\\.compute\\.internal \\(1 pod left; .*")
        .contains("staging/web-")
        .contains("is held by PodDisruptionBudget staging/web (needs 2 healthy pods, has 2)");

    Question question = awaitQuestion(run);

    assertThat(question.text())
        .startsWith("node 1/6: the drain of ip-")
        .contains("is stuck after 15 minutes")
        .contains("staging/web-")
        .contains("is held by PodDisruptionBudget staging/web (needs 2 healthy pods, has 2)");
    assertThat(question.choices())
        .extracting(Question.Choice::label)
        .containsExactly("Wait longer", "Evict anyway", "Skip node");
    Run paused = harness.run(run.id());
    assertThat(paused.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(paused.isPaused()).isTrue();
    List<Node> cordoned =
        harness.nodes("dev").stream()
            .filter(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
            .toList();
    assertThat(cordoned).as("the stuck node stays cordoned while the run asks").hasSize(1);
    assertThat(readyWebPods()).isEqualTo(2);

    // Paused, the run does nothing however long nobody answers.
    harness.advance(Duration.ofHours(1));
    assertThat(harness.run(run.id()).question()).contains(question);
    assertThat(harness.nodes("dev")).hasSize(6);
  }

  @Test
  @DisplayName(
      "Skip node puts a stuck node back in service at its version and goes on; the others are"
          + " replaced and the run names what it skipped")
  void skipNode() {
    askAfterAMinute();
    budget("web", 2);
    Set<String> webNodes = webPodNodes();
    Run run = harness.upgrade("dev", "1.32");

    // Both nodes with a web pod get stuck, one after the other; each is skipped.
    int asked = answerEveryQuestion(run, NodeDrains.SKIP);

    Run done = harness.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(asked).isEqualTo(2);
    List<Node> nodes = harness.nodes("dev");
    assertThat(nodes).hasSize(6);
    assertThat(nodes)
        .filteredOn(n -> n.getStatus().getNodeInfo().getKubeletVersion().startsWith("v1.31."))
        .extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(webNodes);
    assertThat(nodes)
        .allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE));
    assertThat(readyWebPods()).isEqualTo(2);
    assertThat(done.output(RollNodesStep.NAME, NodesReplaced.class).orElseThrow().skipped())
        .containsExactlyInAnyOrderElementsOf(webNodes);
    assertThat(harness.events)
        .filteredOn(e -> e instanceof RunEvent.StepSucceeded s && s.name().equals("nodes"))
        .singleElement()
        .extracting(RunEvent::describe)
        .asString()
        .contains("were skipped and still run the old version; /upgrade dev 1.32 again");
  }

  @Test
  @DisplayName(
      "Evict anyway deletes the pods the budget keeps; every node is replaced and web comes back")
  void evictAnyway() {
    askAfterAMinute();
    budget("web", 2);
    Run run = harness.upgrade("dev", "1.32");

    int asked = answerEveryQuestion(run, NodeDrains.EVICT);

    assertThat(harness.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    // A deleted web pod comes back on a node not yet replaced, whose drain then meets the same
    // budget: as with kubectl drain, each node's drain is forced on its own.
    assertThat(asked).isBetween(1, 6);
    assertThat(harness.nodes("dev"))
        .hasSize(6)
        .allSatisfy(
            n -> {
              assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32.");
              assertThat(n.getMetadata().getAnnotations())
                  .doesNotContainKey(NodeGateway.DRAIN_FORCED_BY);
            });
    harness.advanceUntil(
        "web back at two Ready pods", () -> readyWebPods() == 2, Duration.ofMinutes(5));
  }

  @Test
  @DisplayName(
      "Wait longer drains on for another drain timeout; a budget released meanwhile lets it finish")
  void waitLonger() {
    askAfterAMinute();
    budget("web", 2);
    Run run = harness.upgrade("dev", "1.32");
    awaitQuestion(run);

    harness.engine.decide(run.id(), NodeDrains.WAIT, "U2");
    harness.advance(Duration.ofSeconds(40));

    assertThat(harness.run(run.id()).isPaused()).as("within the new minute").isFalse();
    assertThat(harness.progressNotes(run.id()).get(harness.progressNotes(run.id()).size() - 1))
        .contains("draining");
    harness
        .cluster("dev")
        .client()
        .apps()
        .deployments()
        .inNamespace("staging")
        .withName("web")
        .scale(3);
    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(15), Duration.ofHours(2));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.nodes("dev"))
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
  }

  @Test
  @DisplayName("aborted while it asks, the run ends cancelled and the stuck node is uncordoned")
  void abortWhileAsking() {
    askAfterAMinute();
    budget("web", 2);
    Run run = harness.upgrade("dev", "1.32");
    awaitQuestion(run);

    harness.engine.cancel(run.id(), "U2");
    Run cancelled = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofMinutes(5));

    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(harness.nodes("dev"))
        .hasSize(6)
        .allSatisfy(
            n -> {
              assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
              assertThat(n.getMetadata().getAnnotations())
                  .doesNotContainKey(NodeGateway.DRAIN_STARTED);
            });
    assertThat(readyWebPods()).isEqualTo(2);
  }

  /** A new world and Shipmate with other settings (the one {@link #start} made is dropped). */
  private void restartWith(UpgradeSettings settings, String yaml) {
    harness.close();
    harness = new UpgradeHarness(folder.resolve("again"), 6, settings, yaml);
    harness.cluster("dev").setKubernetesVersion("1.32.9");
  }

  /**
   * Drains that ask after one minute instead of fifteen: the answers are what these tests are
   * about, and each simulated minute costs real time.
   */
  private void askAfterAMinute() {
    restartWith(
        UpgradeSettings.defaults().withDrainTimeout(Duration.ofMinutes(1)), UpgradeHarness.CONFIG);
  }

  private Question awaitQuestion(Run run) {
    harness.advanceUntil(
        "a question", () -> harness.run(run.id()).question().isPresent(), Duration.ofMinutes(30));
    return harness.run(run.id()).question().orElseThrow();
  }

  /** Answers {@code choice} to every question the run asks until it ends; says how many. */
  private int answerEveryQuestion(Run run, String choice) {
    int asked = 0;
    while (true) {
      harness.advanceUntil(
          "a question or the end of the run",
          () -> harness.run(run.id()).question().isPresent() || !harness.run(run.id()).isActive(),
          Duration.ofHours(2));
      if (!harness.run(run.id()).isActive()) {
        return asked;
      }
      asked++;
      assertThat(harness.engine.decide(run.id(), choice, "U2"))
          .isInstanceOf(DecideResult.Decided.class);
    }
  }

  private Set<String> webPodNodes() {
    Set<String> nodes = new HashSet<>();
    for (Pod pod : harness.pods("dev", "staging")) {
      if ("web".equals(pod.getMetadata().getLabels().get("app"))) {
        nodes.add(pod.getSpec().getNodeName());
      }
    }
    return nodes;
  }

  @Test
  @DisplayName(
      "cancelled in the middle of a drain, the node is uncordoned and the run ends cancelled")
  void cancelMidDrain() {
    budget("web", 2);
    Run run = harness.upgrade("dev", "1.32");
    harness.advanceUntil(
        "a node being drained",
        () -> harness.progressNotes(run.id()).stream().anyMatch(n -> n.contains("draining")),
        Duration.ofMinutes(10));

    harness.engine.cancel(run.id(), "U1");
    Run cancelled = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofMinutes(5));

    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(harness.nodes("dev"))
        .hasSize(6)
        .allSatisfy(
            n -> {
              assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
              assertThat(n.getMetadata().getAnnotations())
                  .doesNotContainKey(NodeGateway.DRAIN_STARTED);
            });
    assertThat(readyWebPods()).isEqualTo(2);
  }

  @Test
  @DisplayName("a budget that blocks a drain, then allows it, only delays the upgrade")
  void budgetReleases() {
    budget("web", 2);
    Run run = harness.upgrade("dev", "1.32");
    harness.advanceUntil(
        "the drain to wait for the budget",
        () ->
            harness.progressNotes(run.id()).stream()
                .anyMatch(n -> n.contains("PodDisruptionBudget staging/web")),
        Duration.ofMinutes(10));

    harness
        .cluster("dev")
        .client()
        .apps()
        .deployments()
        .inNamespace("staging")
        .withName("web")
        .scale(3);
    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(15), Duration.ofHours(2));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.nodes("dev"))
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    assertThat(readyWebPods()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "after a restart in the middle of a node, the run carries on and replaces each node once")
  void resumesAfterRestart() {
    Run run = harness.upgrade("dev", "1.32");
    harness.advanceUntil(
        "the third node under way",
        () ->
            harness.progressNotes(run.id()).stream()
                .anyMatch(
                    n -> n.startsWith("node 3/6: draining") || n.startsWith("node 3/6: drained")),
        Duration.ofHours(1));

    harness.restart();
    Run done = harness.runToEnd(run.id(), Duration.ofSeconds(15), Duration.ofHours(2));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    long terminated =
        harness.world.aws().compute().instances().stream().filter(i -> !i.live()).count();
    assertThat(terminated).as("instances terminated: one per original node").isEqualTo(6);
    assertThat(harness.nodes("dev"))
        .hasSize(6)
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
  }

  private void budget(String app, int minAvailable) {
    harness.cluster("dev").addDisruptionBudget("staging", app, minAvailable);
    harness.world.settle();
  }

  private int readyWebPods() {
    return (int)
        harness.pods("dev", "staging").stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .filter(AsgUpgradeIT::ready)
            .count();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Set<String> names(List<Node> nodes) {
    Set<String> names = new HashSet<>();
    nodes.forEach(n -> names.add(n.getMetadata().getName()));
    return names;
  }
}
