package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.aws.cloudwatch.AlarmState;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's metric checks after an upgrade batch, as a user sees them: a CloudWatch alarm in
 * the sandbox in ALARM pauses the upgrade after the canary, the thread asks with Go on, Check again
 * and Abort buttons, and a signed click decides how it goes on. Real time on the simulated world.
 */
@DisplayName("/upgrade pauses and asks when a check fails after a batch, end to end")
class UpgradeChecksEndToEndIT {

  private static final String SRE = "U01SRE1";
  private static final String CHANNEL = "C0DEPLOYS";

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
      clusters:
        dev:
          context: dev
          provider: asg
          asg: { region: eu-west-1, groups: [dev-nodes] }
          operators: [group:sre]
          analysis: [node-errors]
      environments:
        staging: { cluster: dev, namespace: staging, deployers: [group:sre] }
      services:
        web: { image: registry.example.com/acme/web, deployments: [web], container: web }
      analysis:
        node-errors:
          cloudwatch: { alarm: dev-node-errors, region: eu-west-1 }
          interval: 1s
          count: 2
      """;

  @TempDir Path data;

  private E2eWorld e2e;
  private SimulatedWorld world;
  private SlackClientSimulator slack;

  @BeforeEach
  void start() throws Exception {
    e2e =
        E2eWorld.on(YAML)
            .podTimings(PodTimings.defaults())
            .seed(
                world -> {
                  world.aws().compute().setJoinDelay(Duration.ofSeconds(1));
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
      "an alarm in ALARM pauses the upgrade after the canary and asks in the thread; Check again"
          + " once it is OK lets the upgrade finish")
  void failingCheckAsks() {
    world
        .aws()
        .cloudWatch()
        .setAlarm(
            "eu-west-1",
            "dev-node-errors",
            AlarmState.ALARM,
            "Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0).");
    slack.slashCommand(CHANNEL, SRE, "/upgrade", "dev 1.32");
    Await.until("a run card in " + CHANNEL, () -> !world.slack().topLevel(CHANNEL).isEmpty());
    SlackMessage card = world.slack().topLevel(CHANNEL).get(0);

    Await.until(
        "a question in the thread", () -> !questions(card).isEmpty(), Duration.ofMinutes(2));
    SlackMessage question = questions(card).get(0);
    assertThat(question.text())
        .contains("is paused and needs you")
        .contains("node 1/")
        .contains("check node-errors failed: alarm ALARM (Threshold Crossed: 1 datapoint [3.0]")
        .contains("CloudWatch alarm: dev-node-errors in eu-west-1")
        .contains("The upgrade is paused before the next nodes");
    String runId = SlackCards.buttonValue(question, "run.choose.go-on");
    assertThat(SlackCards.buttonValue(question, "run.choose.check-again")).isEqualTo(runId);
    assertThat(SlackCards.buttonValue(question, "run.abort")).isEqualTo(runId);
    assertThat(atTarget()).as("only the canary was replaced").isEqualTo(1);

    world.aws().cloudWatch().setAlarm("eu-west-1", "dev-node-errors", AlarmState.OK);
    slack.blockAction(CHANNEL, SRE, question.ts(), "run.choose.check-again", runId);

    Await.until(
        "the thread to say succeeded",
        () -> e2e.threadText(card).contains("succeeded"),
        Duration.ofMinutes(3));
    assertThat(e2e.threadText(card)).contains(runId + ": " + SRE + " chose Check again");
    List<Node> nodes = world.cluster("dev").client().nodes().list().getItems();
    assertThat(nodes)
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
  }

  private List<SlackMessage> questions(SlackMessage card) {
    return world.slack().thread(CHANNEL, card.ts()).stream()
        .filter(SlackMessage::isReply)
        .filter(m -> SlackCards.hasButton(m, "run.choose.go-on"))
        .toList();
  }

  private long atTarget() {
    return world.cluster("dev").client().nodes().list().getItems().stream()
        .filter(n -> n.getStatus().getNodeInfo().getKubeletVersion().startsWith("v1.32."))
        .count();
  }
}
