package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stuck drain as a user sees it: a PodDisruptionBudget keeps a pod on the node being drained, the
 * run pauses and asks in its thread (naming the pod and the budget) with Wait longer, Evict anyway,
 * Skip node and Abort buttons, and signed button clicks decide how it goes on. Real time on the
 * simulated world, with a 3-second drain timeout.
 */
@DisplayName("/upgrade asks when a drain is stuck, end to end")
class UpgradeQuestionEndToEndIT {

  private static final String SRE = "U01SRE1";
  private static final String BACKEND_DEVELOPER = "U02BE1";
  private static final String CHANNEL = "C0DEPLOYS";
  private static final Duration WHOLE_UPGRADE = Duration.ofMinutes(3);

  private static final String YAML =
      """
      slack:
        botToken: ${SLACK_BOT_TOKEN}
        signingSecret: ${SLACK_SIGNING_SECRET}
        channel: C0DEPLOYS
      store:
        url: ${SHIPMATE_DB_URL}
      groups:
        sre: [U01SRE1, U01SRE2]
        backend: [U02BE1]
      clusters:
        dev:
          context: dev
          provider: asg
          asg: { region: eu-west-1, groups: [dev-nodes] }
          operators: [group:sre]
      environments:
        staging: { cluster: dev, namespace: staging, deployers: [group:backend, group:sre] }
      services:
        web: { image: registry.example.com/acme/web, deployments: [web], container: web }
      upgrade:
        drainTimeout: 3s
      """;

  @TempDir Path data;

  private E2eWorld e2e;
  private SimulatedWorld world;
  private SlackClientSimulator slack;

  @BeforeEach
  void start() throws Exception {
    // Pods as slow as the world's own: the drains wait for them.
    e2e =
        E2eWorld.on(YAML)
            .podTimings(PodTimings.defaults())
            .seed(
                world -> {
                  world.aws().compute().setJoinDelay(Duration.ofSeconds(1));
                  // dev's control plane is not Shipmate's to move (no asg.controlPlane): it is at
                  // 1.32 already.
                  world.cluster("dev").setKubernetesVersion("1.32.9");
                })
            .start(data);
    world = e2e.world();
    slack = e2e.client();
  }

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "the thread names the blocking pod and budget with the buttons; a stranger's click is"
          + " refused; Skip node and Evict anyway let the upgrade finish")
  void stuckDrainAsksAndButtonsDecide() {
    keepEveryWebPod();
    slack.slashCommand(CHANNEL, SRE, "/upgrade", "dev 1.32");
    Await.until("a run card in " + CHANNEL, () -> !world.slack().topLevel(CHANNEL).isEmpty());
    SlackMessage card = world.slack().topLevel(CHANNEL).get(0);

    SlackMessage question = awaitQuestion(card, 1).orElseThrow();
    assertThat(question.text())
        .contains("is paused and needs you")
        .contains("the drain of ip-")
        .contains("is stuck after")
        .contains("staging/web-")
        .contains("is held by PodDisruptionBudget staging/web (needs 2 healthy pods, has 2)");
    String runId = SlackCards.buttonValue(question, "run.choose.wait");
    assertThat(SlackCards.buttonValue(question, "run.choose.evict")).isEqualTo(runId);
    assertThat(SlackCards.buttonValue(question, "run.choose.skip")).isEqualTo(runId);
    assertThat(SlackCards.buttonValue(question, "run.abort")).isEqualTo(runId);
    assertThat(SlackCards.text(question)).contains("\"confirm\"");
    Await.until(
        "the card to show the question and its answers",
        () -> {
          SlackMessage now = world.slack().message(CHANNEL, card.ts()).orElseThrow();
          return SlackCards.text(now).contains("paused, needs an answer")
              && SlackCards.hasButton(now, "run.choose.skip")
              && !SlackCards.hasButton(now, "run.resume");
        });
    String stuckNode = cordonedNode().orElseThrow();

    slack.blockAction(CHANNEL, BACKEND_DEVELOPER, question.ts(), "run.choose.skip", runId);
    Await.until(
        "the stranger to be told why not",
        () ->
            world.slack().ephemerals().stream()
                .anyMatch(
                    e ->
                        e.user().equals(BACKEND_DEVELOPER)
                            && e.text().contains("you are neither")));
    assertThat(cordonedNode()).contains(stuckNode);

    slack.blockAction(CHANNEL, SRE, question.ts(), "run.choose.skip", runId);
    Await.until(
        "the answer in the thread",
        () -> e2e.threadText(card).contains(runId + ": " + SRE + " chose Skip node"));

    // Later stuck drains (the other web pod's node, or a node a web pod moved to) are forced.
    int answered = 1;
    long deadline = System.nanoTime() + WHOLE_UPGRADE.toNanos();
    while (!e2e.threadText(card).contains("succeeded")) {
      assertThat(System.nanoTime()).as("the upgrade to finish").isLessThan(deadline);
      assertThat(e2e.threadText(card)).doesNotContain("failed");
      Optional<SlackMessage> next = awaitQuestion(card, answered + 1);
      if (next.isPresent()) {
        answered++;
        slack.blockAction(CHANNEL, SRE, next.get().ts(), "run.choose.evict", runId);
      }
    }

    List<Node> nodes = world.cluster("dev").client().nodes().list().getItems();
    assertThat(nodes)
        .filteredOn(n -> n.getMetadata().getName().equals(stuckNode))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.31.");
              assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
            });
    assertThat(nodes)
        .filteredOn(n -> !n.getMetadata().getName().equals(stuckNode))
        .isNotEmpty()
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
    assertThat(e2e.threadText(card))
        .contains(stuckNode + " was skipped and still runs the old version; /upgrade dev 1.32");
  }

  /** The budget needs both web pods: no eviction of either is ever allowed. */
  private void keepEveryWebPod() {
    world.cluster("dev").addDisruptionBudget("staging", "web", 2);
  }

  /**
   * The {@code n}th question in the card's thread once it is there; empty when the run ends first
   * or none comes within a few seconds.
   */
  private Optional<SlackMessage> awaitQuestion(SlackMessage card, int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<SlackMessage> questions =
          world.slack().thread(CHANNEL, card.ts()).stream()
              .filter(SlackMessage::isReply)
              .filter(m -> SlackCards.hasButton(m, "run.choose.skip"))
              .toList();
      if (questions.size() >= n) {
        return Optional.of(questions.get(n - 1));
      }
      if (e2e.threadText(card).contains("succeeded") || e2e.threadText(card).contains("failed")) {
        return Optional.empty();
      }
      sleepALittle();
    }
    return Optional.empty();
  }

  private Optional<String> cordonedNode() {
    return world.cluster("dev").client().nodes().list().getItems().stream()
        .filter(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
        .map(n -> n.getMetadata().getName())
        .findFirst();
  }

  private static void sleepALittle() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
