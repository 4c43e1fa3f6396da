package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog and the in-flight rule through signed Slack requests, on the example configuration
 * (with a quick {@code watchdogs:} section appended) and the simulated world on real time.
 */
@DisplayName("the watchdog and freezes in flight, end to end")
class WatchdogEndToEndIT {
  private static final String SRE = E2eConfig.SRE;
  private static final String OTHER_SRE = E2eConfig.OTHER_SRE;
  private static final String BACKEND = E2eConfig.BACKEND_DEVELOPER;
  private static final String DEPLOYS = E2eConfig.DEPLOYS_CHANNEL;

  @TempDir Path data;

  private E2eWorld e2e;

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "a deploy whose rollout stops moving is flagged once in its thread, its requester called,"
          + " in the ledger, and marked on /runs")
  void stuckRunFlagged() throws Exception {
    e2e =
        E2eWorld.onExampleConfig(yaml -> yaml + "watchdogs: { every: 1s, stuckAfter: 4s }\n")
            .start(data);

    // Pods that run but never become Ready: the rollout waits, with nothing new to say.
    String ack =
        E2eWorld.text(e2e.command(DEPLOYS, BACKEND, "/deploy", "web v1.2-unready staging"));
    String runId = E2eWorld.runIdIn(ack);
    SlackMessage card = e2e.card(DEPLOYS, runId);

    Await.until("the stuck note", () -> e2e.threadText(card).contains("looks stuck"));
    String note =
        e2e.replies(card).stream()
            .map(SlackMessage::text)
            .filter(t -> t.contains("looks stuck"))
            .findFirst()
            .orElseThrow();
    assertThat(note)
        .startsWith("<@" + BACKEND + ">")
        .contains(runId + " looks stuck: watch-rollout has shown no progress for")
        .contains("(the watchdog flags a step after 4s)")
        .contains("Look at deploy:staging/web, then let it be or Cancel it.");
    RunId id = new RunId(runId);
    assertThat(e2e.bot().engine().audit(id))
        .filteredOn(e -> e.action() == AuditAction.RUN_STUCK)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.actor()).isEqualTo(AuditEntry.ENGINE));
    // Once per stall: as many notes as stalls the journal recorded, however many looks there were.
    Thread.sleep(2_500);
    long stalls =
        e2e.bot().engine().journal(id).stream().filter(e -> e.type().equals("RunStuck")).count();
    Await.until(
        "one note per stall",
        () ->
            e2e.replies(card).stream().filter(m -> m.text().contains("looks stuck")).count()
                == e2e.bot().engine().journal(id).stream()
                    .filter(e -> e.type().equals("RunStuck"))
                    .count());
    assertThat(stalls).isGreaterThanOrEqualTo(1);

    String runs = E2eWorld.text(e2e.command(DEPLOYS, BACKEND, "/runs", ""));
    assertThat(runs)
        .contains(runId)
        .contains(":hourglass: stuck: no progress at watch-rollout for");

    e2e.command(DEPLOYS, BACKEND, "/cancel", runId);
    Await.until("the run to end", () -> !e2e.bot().engine().run(id).orElseThrow().isActive());
  }

  @Test
  @DisplayName(
      "an upgrade a freeze catches pauses before its next node group, its card says which freeze"
          + " and until when; /unfreeze lets it go on by itself to `succeeded`")
  void upgradeHeldByFreeze() throws Exception {
    e2e =
        E2eWorld.onExampleConfig(yaml -> yaml + "watchdogs: { every: 1s }\n")
            .podTimings(PodTimings.defaults())
            .seed(
                world -> {
                  world.aws().compute().setJoinDelay(Duration.ofSeconds(1));
                  world.aws().eks().setControlPlaneUpdateDelay(Duration.ofSeconds(3));
                })
            .start(data);

    String ack = E2eWorld.text(e2e.command(DEPLOYS, SRE, "/upgrade", "prod-eu 1.32"));
    String runId = E2eWorld.runIdIn(ack);
    RunId id = new RunId(runId);
    String frozen =
        E2eWorld.text(e2e.command(DEPLOYS, SRE, "/freeze", "prod-eu 1h \"release party\""));
    assertThat(frozen).startsWith("Froze cluster prod-eu until ");

    Await.until(
        "the upgrade held by the freeze",
        () -> e2e.bot().engine().run(id).orElseThrow().isPaused());
    SlackMessage card = e2e.card(DEPLOYS, runId);
    Await.until(
        "the card to say the freeze holds it",
        () -> e2e.cardText(e2e.card(DEPLOYS, runId)).contains("paused by the freeze prod-eu"));
    assertThat(e2e.cardText(e2e.card(DEPLOYS, runId)))
        .contains("while the freeze prod-eu is in force (release party): it goes on by itself at")
        .contains("or now with Resume");
    Await.until("the hold told in the thread", () -> e2e.threadText(card).contains("paused at"));
    assertThat(e2e.threadText(card))
        .contains("<@" + SRE + ">")
        .contains("the freeze prod-eu is in force until")
        .contains("It goes on by itself then. Resume on the card lets it go on now.");
    assertThat(e2e.world().aws().eks().nodegroup("prod-eu", "general").version())
        .as("no node group touched while frozen")
        .isEqualTo("1.31");

    e2e.command(DEPLOYS, SRE, "/unfreeze", "prod-eu");

    e2e.awaitOutcome(card, "succeeded");
    assertThat(e2e.bot().engine().run(id).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(e2e.bot().engine().audit(id))
        .extracting(AuditEntry::action)
        .contains(AuditAction.HELD_BY_FREEZE, AuditAction.RESUMED);
  }

  @Test
  @DisplayName(
      "Resume on an upgrade a freeze holds is a break-glass: its requester is refused, someone"
          + " else who may approve takes it through the freeze to `succeeded`")
  void resumeThroughFreezeNeedsSomeoneElse() throws Exception {
    e2e =
        E2eWorld.onExampleConfig()
            .podTimings(PodTimings.defaults())
            .seed(
                world -> {
                  world.aws().compute().setJoinDelay(Duration.ofSeconds(1));
                  world.aws().eks().setControlPlaneUpdateDelay(Duration.ofSeconds(3));
                })
            .start(data);
    String runId =
        E2eWorld.runIdIn(E2eWorld.text(e2e.command(DEPLOYS, SRE, "/upgrade", "prod-eu 1.32")));
    RunId id = new RunId(runId);
    e2e.command(DEPLOYS, SRE, "/freeze", "prod-eu 1h \"release party\"");
    Await.until(
        "the upgrade held by the freeze",
        () -> e2e.bot().engine().run(id).orElseThrow().isPaused());

    String refused = E2eWorld.text(e2e.command(DEPLOYS, SRE, "/upgrade", "prod-eu resume"));
    assertThat(refused)
        .contains("takes it through the freeze prod-eu")
        .contains("like a break-glass: someone other than its requester (<@" + SRE + ">)");
    assertThat(e2e.bot().engine().run(id).orElseThrow().isPaused()).isTrue();

    e2e.command(DEPLOYS, OTHER_SRE, "/upgrade", "prod-eu resume");

    SlackMessage card = e2e.card(DEPLOYS, runId);
    e2e.awaitOutcome(card, "succeeded");
    assertThat(e2e.bot().engine().freezes().active()).isNotEmpty();
    assertThat(e2e.bot().engine().audit(id))
        .filteredOn(e -> e.action() == AuditAction.RESUMED_THROUGH_FREEZE)
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(OTHER_SRE));
  }
}
