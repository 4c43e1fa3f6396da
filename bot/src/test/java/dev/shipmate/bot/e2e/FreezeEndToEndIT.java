package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.AppHomeOpenedPost;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freezes and break-glass through signed Slack requests, on the example configuration (without its
 * weekend window: these freezes are set from chat) and the simulated world.
 */
@DisplayName("/freeze, /unfreeze and --break-glass, end to end")
class FreezeEndToEndIT {
  private static final String SRE = E2eConfig.SRE;
  private static final String OTHER_SRE = E2eConfig.OTHER_SRE;
  private static final String BACKEND = E2eConfig.BACKEND_DEVELOPER;
  private static final String PROD = E2eConfig.PROD_CHANNEL;
  private static final String DEPLOYS = E2eConfig.DEPLOYS_CHANNEL;
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @TempDir Path data;

  private E2eWorld e2e;

  @BeforeEach
  void start() throws Exception {
    e2e = E2eWorld.onExampleConfig().start(data);
  }

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "/freeze prod 1h refuses /deploy naming the freeze and its end, lets /rollback through, is"
          + " announced, listed and on App Home; /unfreeze lets deploys through again")
  void freezeThenUnfreeze() throws Exception {
    Instant before = Instant.now();
    String frozen =
        E2eWorld.text(e2e.command(DEPLOYS, SRE, "/freeze", "prod 1h \"release party\""));
    Instant after = Instant.now();

    assertThat(frozen).startsWith("Froze environment prod until ").contains(": release party.");
    assertThat(frozen).containsAnyOf(endsAround(before), endsAround(after));
    Await.until(
        "the freeze announced in prod's channel",
        () -> topLevelTexts(PROD).stream().anyMatch(t -> t.contains("froze prod until")));
    assertThat(topLevelTexts(PROD))
        .anySatisfy(
            t ->
                assertThat(t)
                    .isEqualTo(
                        ":snowflake: <@"
                            + SRE
                            + "> froze prod until "
                            + frozenUntil(frozen)
                            + ": release party. Deploys, cutovers, upgrades and previews there wait;"
                            + " rollbacks still pass. `/unfreeze prod` lifts it."));

    String refused = E2eWorld.text(e2e.command(PROD, SRE, "/deploy", "web v1.2 prod"));
    assertThat(refused)
        .isEqualTo(
            "Nothing was started: prod is frozen until "
                + frozenUntil(frozen)
                + " by <@"
                + SRE
                + ">: release party. To start it anyway, type `/deploy web v1.2 prod --break-glass"
                + " \"<reason>\"`: someone else who may approve must then approve it. Or type"
                + " `/deploy web v1.2 prod --queue` to queue it: it starts by itself when the freeze"
                + " ends.");
    assertThat(e2e.bot().engine().active()).isEmpty();
    assertThat(e2e.image("prod-eu", "prod", "web")).isEqualTo("registry.example.com/acme/web:v1.0");

    // prod asks for a confirmation first (confirm: true): the freeze lets the rollback that far
    String rollback = e2e.confirmed(PROD, SRE, "/rollback", "web prod");
    assertThat(rollback).startsWith("Started r-");
    // prod asks for an approval; the rollback is not the point here, and would hold prod's lock
    e2e.command(PROD, SRE, "/cancel", E2eWorld.runIdIn(rollback));

    assertThat(E2eWorld.text(e2e.command(PROD, BACKEND, "/freeze", "list")))
        .isEqualTo(
            "Freezes in force:\n• *prod* until "
                + frozenUntil(frozen)
                + ", set by <@"
                + SRE
                + ">: release party");
    assertThat(homeOf(OTHER_SRE)).contains("Freezes in force").contains("release party");

    String unfrozen = E2eWorld.text(e2e.command(PROD, OTHER_SRE, "/unfreeze", "prod"));
    assertThat(unfrozen).isEqualTo("Unfroze prod.");
    Await.until(
        "the thaw announced",
        () -> topLevelTexts(PROD).contains(":sunny: <@" + OTHER_SRE + "> unfroze prod."));
    Await.until("the rollback to end", () -> e2e.bot().engine().active().isEmpty());
    assertThat(e2e.confirmed(PROD, SRE, "/deploy", "web v1.2 prod")).startsWith("Started d-");

    List<AuditEntry> ledger = e2e.bot().engine().audit(LockKey.of("freeze", "prod"), 10);
    assertThat(ledger)
        .extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditAction.COMMAND, OTHER_SRE),
            org.assertj.core.groups.Tuple.tuple(AuditAction.FREEZE_LIFTED, OTHER_SRE),
            org.assertj.core.groups.Tuple.tuple(AuditAction.COMMAND, SRE),
            org.assertj.core.groups.Tuple.tuple(AuditAction.FREEZE_SET, SRE));
  }

  @Test
  @DisplayName(
      "--break-glass through a freeze of staging (which asks no approvals) waits for someone else;"
          + " the requester's Approve is refused; the other's starts it, loudly")
  void breakGlass() {
    e2e.command(DEPLOYS, BACKEND, "/freeze", "staging 1h \"load test\"");

    String ack =
        E2eWorld.text(
            e2e.command(
                DEPLOYS,
                BACKEND,
                "/deploy",
                "web v1.2 staging --break-glass \"hotfix for INC-42\""));
    assertThat(ack)
        .startsWith("Started d-")
        .contains("It waits for 1 approval from someone else before it begins.")
        .contains("Break-glass: it goes through the freeze");
    String runId = ack.substring("Started ".length(), ack.indexOf(':'));
    SlackMessage card = cardWithButtons(DEPLOYS, runId);
    Await.until(
        "the break-glass announced",
        () ->
            topLevelTexts(DEPLOYS).stream()
                .anyMatch(t -> t.startsWith(":rotating_light: Break-glass: <@" + BACKEND + ">")));
    assertThat(topLevelTexts(DEPLOYS))
        .contains(
            ":rotating_light: Break-glass: <@"
                + BACKEND
                + "> asks to deploy web v1.2 to staging during a freeze, as run "
                + runId
                + ". Break-glass: deploy web v1.2 to staging through freeze staging: hotfix for"
                + " INC-42. It waits for an approval from someone else who may approve.");

    e2e.click(BACKEND, card, "run.approve");
    e2e.awaitEphemeral(BACKEND, "cannot approve");
    assertThat(status(runId)).isEqualTo(RunStatus.AWAITING_APPROVAL);

    e2e.click(SRE, card, "run.approve");
    Await.until("the run to start", () -> status(runId) != RunStatus.AWAITING_APPROVAL);
    Await.until(
        "the approval announced",
        () ->
            topLevelTexts(DEPLOYS)
                .contains(
                    ":rotating_light: Break-glass: <@"
                        + SRE
                        + "> approved "
                        + runId
                        + " (deploy web v1.2 to staging, asked by <@"
                        + BACKEND
                        + ">). Break-glass: deploy web v1.2 to staging through freeze staging:"
                        + " hotfix for INC-42."));
    e2e.awaitOutcome(card, "succeeded");
    assertThat(e2e.bot().engine().audit(new RunId(runId)))
        .extracting(AuditEntry::action)
        .contains(AuditAction.BREAK_GLASS, AuditAction.BREAK_GLASS_APPROVED);
  }

  @Test
  @DisplayName("someone who may not deploy to prod may not freeze it, and nothing is frozen")
  void strangerMayNotFreeze() {
    String refused =
        E2eWorld.text(e2e.command(PROD, BACKEND, "/freeze", "prod 1h \"because I can\""));

    assertThat(refused).startsWith("Nothing was frozen. ").contains("group:sre");
    assertThat(e2e.bot().engine().freezes().active()).isEmpty();
    assertThat(E2eWorld.text(e2e.command(PROD, BACKEND, "/unfreeze", "prod")))
        .startsWith("Nothing was unfrozen. ");
  }

  /** The run's card: the announcement names the run too, but has no buttons. */
  private SlackMessage cardWithButtons(String channel, String runId) {
    Await.until("the card of " + runId, () -> findCard(channel, runId).isPresent());
    return findCard(channel, runId).orElseThrow();
  }

  private java.util.Optional<SlackMessage> findCard(String channel, String runId) {
    return e2e.slack().topLevel(channel).stream()
        .filter(m -> SlackCards.text(m).contains(runId))
        .filter(m -> SlackCards.hasButton(m, "run.approve"))
        .findFirst();
  }

  private RunStatus status(String runId) {
    return e2e.bot().engine().run(new RunId(runId)).orElseThrow().status();
  }

  private List<String> topLevelTexts(String channel) {
    return e2e.slack().topLevel(channel).stream().map(SlackMessage::text).toList();
  }

  /** The end a 1-hour freeze set at {@code at} names. */
  private static String endsAround(Instant at) {
    return MINUTE.format(at.plus(Duration.ofHours(1)));
  }

  private static String frozenUntil(String answer) {
    int from = answer.indexOf(" until ") + " until ".length();
    return answer.substring(from, answer.indexOf(" UTC", from) + " UTC".length());
  }

  private String homeOf(String user) throws Exception {
    HttpResponse<String> opened =
        HttpClient.newHttpClient()
            .send(
                new AppHomeOpenedPost(user).signedWith(e2e.slack().signingSecret(), e2e.events()),
                HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).isEqualTo(200);
    Await.until("the App Home of " + user, () -> !homeViews(user).isEmpty());
    List<SlackCall> views = homeViews(user);
    return views.get(views.size() - 1).param("view");
  }

  private List<SlackCall> homeViews(String user) {
    return e2e.slack().answered("views.publish", call -> user.equals(call.param("user_id")));
  }
}
