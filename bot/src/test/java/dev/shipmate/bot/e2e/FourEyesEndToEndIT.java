package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four eyes on destructive answers: on a cluster whose upgrades need an approval, the requester may
 * not answer a stuck drain with Evict anyway; another operator who may approve may.
 */
@DisplayName("destructive answers need a second person where approvals are asked, end to end")
class FourEyesEndToEndIT {

  private static final String SRE_1 = E2eConfig.SRE;
  private static final String SRE_2 = E2eConfig.OTHER_SRE;
  private static final String CHANNEL = E2eConfig.DEPLOYS_CHANNEL;

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
          approvals: 1
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
    e2e =
        E2eWorld.on(YAML)
            .podTimings(PodTimings.defaults())
            .seed(
                world -> {
                  world.aws().compute().setJoinDelay(Duration.ofSeconds(1));
                  world.cluster("dev").setKubernetesVersion("1.32.9");
                  // Both web pods are needed: every drain of a node with one gets stuck.
                  world.cluster("dev").addDisruptionBudget("staging", "web", 2);
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
      "the requester's Evict anyway is refused, saying who may press it; another approver's is"
          + " taken")
  void requesterMayNotEvictAlone() {
    BotResponse ack = slack.slashCommand(CHANNEL, SRE_1, "/upgrade", "dev 1.32");
    String runId = E2eWorld.runId(ack);
    SlackMessage card = e2e.awaitCard(CHANNEL, 1);
    slack.blockAction(CHANNEL, SRE_2, card.ts(), "run.approve", runId);

    SlackMessage question = awaitQuestion(card);
    slack.blockAction(CHANNEL, SRE_1, question.ts(), "run.choose.evict", runId);

    String refusal = e2e.awaitEphemeral(SRE_1, "needs a second person");
    assertThat(refusal)
        .isEqualTo(
            "Evict anyway on "
                + runId
                + " needs a second person: dev asks for approvals, so someone other than its"
                + " requester (<@"
                + SRE_1
                + ">) who may approve dev must press it. Nothing was changed; ask one of its"
                + " approvers.");
    assertThat(e2e.threadText(card)).doesNotContain("chose Evict anyway");

    slack.blockAction(CHANNEL, SRE_2, question.ts(), "run.choose.evict", runId);
    Await.until(
        "the second person's answer in the thread",
        () -> e2e.threadText(card).contains(runId + ": " + SRE_2 + " chose Evict anyway"));
  }

  private SlackMessage awaitQuestion(SlackMessage card) {
    Await.until("a question in the card's thread", () -> !questions(card).isEmpty());
    return questions(card).get(0);
  }

  private List<SlackMessage> questions(SlackMessage card) {
    return world.slack().thread(CHANNEL, card.ts()).stream()
        .filter(SlackMessage::isReply)
        .filter(m -> SlackCards.hasButton(m, "run.choose.evict"))
        .toList();
  }
}
