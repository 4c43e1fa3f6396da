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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /upgrade} as a user sees it: signed slash commands reach the bot, which runs the
 * production upgrade pipeline against the simulated world (its EKS stand-in and cluster, on real
 * time with short boot and update delays), and answers in the Slack stand-in.
 */
@DisplayName("/upgrade on the simulated world, end to end")
class UpgradeEndToEndIT {

  /** A member of group:sre, the operators of both clusters (config/examples/shipmate.yaml). */
  private static final String SRE = "U01SRE1";

  private static final String BACKEND_DEVELOPER = "U02BE1";

  /** Clusters name no channel, so upgrades report to slack.channel. */
  private static final String DEPLOYS_CHANNEL = "C0DEPLOYS";

  /** Guards against a hang; a whole EKS upgrade with one-second delays takes about a minute. */
  private static final Duration WHOLE_UPGRADE = Duration.ofMinutes(5);

  @TempDir Path data;

  private E2eWorld e2e;
  private SimulatedWorld world;
  private SlackClientSimulator slack;

  @BeforeEach
  void start() throws Exception {
    // Pods as slow as the world's own: the upgrade drains and waits for them.
    e2e =
        E2eWorld.onExampleConfig()
            .podTimings(PodTimings.defaults())
            .seed(
                world -> {
                  world.aws().compute().setJoinDelay(Duration.ofSeconds(1));
                  world.aws().eks().setControlPlaneUpdateDelay(Duration.ofSeconds(1));
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
      "--dry-run answers at once, then shows the plan only to the asker, and changes nothing")
  void dryRun() {
    BotResponse answer =
        slack.slashCommand(DEPLOYS_CHANNEL, SRE, "/upgrade", "prod-eu 1.32 --dry-run");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("Checking prod-eu for an upgrade to 1.32");
    Await.until("the plan, ephemerally", () -> !e2e.ephemeralsTo(SRE).isEmpty());
    assertThat(e2e.ephemeralsTo(SRE).get(0).text())
        .contains("Upgrade of prod-eu to Kubernetes 1.32:")
        .contains("EKS updates it from 1.31 to 1.32 first")
        .contains("EKS node group general (UpdateNodegroupVersion): 3 nodes")
        .contains("Estimate: about 25 minutes.");
    assertThat(world.slack().topLevel(DEPLOYS_CHANNEL)).isEmpty();
    assertThat(world.aws().eks().updates()).isEmpty();
  }

  @Test
  @DisplayName("someone who is not an operator of the cluster is refused, and nothing starts")
  void refused() {
    BotResponse answer =
        slack.slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/upgrade", "prod-eu 1.32");

    assertThat(answer.body()).contains("Nothing was started").contains("group:sre");
    assertThat(world.slack().topLevel(DEPLOYS_CHANNEL)).isEmpty();
  }

  @Test
  @DisplayName(
      "an upgrade posts a card, refuses deploys to the cluster meanwhile, answers status, and ends `succeeded`")
  void upgradeRuns() {
    BotResponse answer = slack.slashCommand(DEPLOYS_CHANNEL, SRE, "/upgrade", "prod-eu 1.32");
    assertThat(answer.body()).contains("Started u-").contains("upgrade prod-eu to Kubernetes 1.32");

    // prod asks for a confirmation (confirm: true), which shows the upgrade holding the cluster;
    // confirmed meanwhile, the deploy is refused
    String deploy = e2e.confirmed(DEPLOYS_CHANNEL, SRE, "/deploy", "web v1.1 prod");
    assertThat(deploy).contains("Nothing was started").contains("cluster:prod-eu");

    int told = e2e.ephemeralsTo(SRE).size();
    BotResponse status = slack.slashCommand(DEPLOYS_CHANNEL, SRE, "/upgrade", "prod-eu status");
    assertThat(status.body()).contains("Reading prod-eu");
    assertThat(e2e.awaitToldAfter(SRE, told))
        .startsWith("prod-eu: control plane 1.3")
        .contains("u-");

    Await.until(
        "a run card in " + DEPLOYS_CHANNEL,
        () -> !world.slack().topLevel(DEPLOYS_CHANNEL).isEmpty());
    SlackMessage card = world.slack().topLevel(DEPLOYS_CHANNEL).get(0);
    long deadline = System.nanoTime() + WHOLE_UPGRADE.toNanos();
    while (!e2e.threadText(card).contains("succeeded")) {
      assertThat(System.nanoTime())
          .as("the upgrade to finish within " + WHOLE_UPGRADE)
          .isLessThan(deadline);
      assertThat(e2e.threadText(card)).doesNotContain("failed");
      sleepALittle();
    }
    assertThat(world.aws().eks().describeCluster("prod-eu").version()).isEqualTo("1.32");
    assertThat(world.cluster("prod-eu").client().nodes().list().getItems())
        .allSatisfy(
            n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32."));
  }

  @Test
  @DisplayName(
      "/upgrade pause holds the running upgrade, a stranger cannot resume it, /upgrade resume lets it finish")
  void pauseAndResume() {
    BotResponse nothing = slack.slashCommand(DEPLOYS_CHANNEL, SRE, "/upgrade", "prod-eu pause");
    assertThat(nothing.body()).contains("No upgrade of prod-eu is running");

    slack.slashCommand(DEPLOYS_CHANNEL, SRE, "/upgrade", "prod-eu 1.32");
    BotResponse paused = slack.slashCommand(DEPLOYS_CHANNEL, SRE, "/upgrade", "prod-eu pause");
    assertThat(paused.body()).contains("Paused u-");
    Await.until(
        "the card to say who paused it",
        () ->
            world.slack().topLevel(DEPLOYS_CHANNEL).stream()
                .anyMatch(card -> card.toString().contains("paused by")));

    BotResponse stranger =
        slack.slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/upgrade", "prod-eu resume");
    assertThat(stranger.body()).doesNotContain("Resumed");

    BotResponse resumed = slack.slashCommand(DEPLOYS_CHANNEL, SRE, "/upgrade", "prod-eu resume");
    assertThat(resumed.body()).contains("Resumed u-");
    SlackMessage card = world.slack().topLevel(DEPLOYS_CHANNEL).get(0);
    long deadline = System.nanoTime() + WHOLE_UPGRADE.toNanos();
    while (!e2e.threadText(card).contains("succeeded")) {
      assertThat(System.nanoTime())
          .as("the upgrade to finish within " + WHOLE_UPGRADE)
          .isLessThan(deadline);
      sleepALittle();
    }
    assertThat(world.aws().eks().describeCluster("prod-eu").version()).isEqualTo("1.32");
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
