package dev.shipmate.bot.front;

import static dev.shipmate.bot.e2e.E2eConfig.BACKEND_DEVELOPER;
import static dev.shipmate.bot.e2e.E2eConfig.DEPLOYS_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.deploy.RollbackPipeline;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Roll back button of a finished deploy's card, clicked as Slack posts clicks, on the simulated
 * world: the rollback it starts restores the image the deploy replaced.
 */
@DisplayName("the Roll back button on a finished deploy card")
class RollBackButtonIT {

  private static final Pattern STARTED = Pattern.compile("Started (d-[0-9a-z]{4})");
  private static final Pattern ROLLBACK = Pattern.compile("started (r-[0-9a-z]{4}): ");
  private static final String STRANGER = "U09NOBODY";
  private static final LockKey WEB_STAGING = LockKey.of("deploy", "staging/web");

  @TempDir Path data;

  private E2eWorld w;

  @BeforeEach
  void start() throws Exception {
    w = E2eWorld.onExampleConfig().start(data);
  }

  @AfterEach
  void stop() {
    if (w != null) {
      w.close();
    }
  }

  @Test
  @DisplayName(
      "starts one rollback to the replaced version, says its run id in the card's thread, and the"
          + " old image is back; a second click starts nothing")
  void rollsBackToTheReplacedImage() {
    String deployId = deployedV11();
    SlackMessage card = rollBackButtonOn(deployId);

    BotResponse click =
        w.client()
            .blockAction(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, card.ts(), "run.rollback", deployId);

    assertThat(click.status()).isEqualTo(200);
    Await.until(
        "the rollback's run id in the deploy's thread",
        () -> ROLLBACK.matcher(w.threadText(card)).find());
    Matcher started = ROLLBACK.matcher(w.threadText(card));
    assertThat(started.find()).isTrue();
    RunId rollbackId = new RunId(started.group(1));
    assertThat(w.threadText(card))
        .contains("<@" + BACKEND_DEVELOPER + "> started " + rollbackId)
        .contains("roll back web in staging to v1.0");
    Await.until(
        "the rollback to succeed",
        () ->
            w.bot().engine().run(rollbackId).map(Run::status).orElse(null) == RunStatus.SUCCEEDED);
    assertThat(w.image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.0");

    w.client().blockAction(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, card.ts(), "run.rollback", deployId);

    assertThat(w.awaitEphemeral(BACKEND_DEVELOPER, "already started from this card"))
        .contains(rollbackId.value());
    assertThat(w.bot().engine().history(WEB_STAGING, 10))
        .filteredOn(run -> run.pipeline().equals(RollbackPipeline.TYPE))
        .hasSize(1);
  }

  @Test
  @DisplayName(
      "an image tag read from the cluster reaches Slack escaped: the Roll back announcement and"
          + " /whats-deployed cannot mention the channel")
  void worldTextIsEscaped() {
    String tag = "x<!channel>";
    w.world()
        .cluster("dev")
        .client()
        .apps()
        .deployments()
        .inNamespace("staging")
        .withName("web")
        .edit(
            d -> {
              d.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .setImage("registry.example.com/acme/web:" + tag);
              return d;
            });
    String deployId = deployedV11();
    SlackMessage card = rollBackButtonOn(deployId);

    w.client().blockAction(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, card.ts(), "run.rollback", deployId);

    Await.until(
        "the rollback's announcement in the deploy's thread",
        () -> ROLLBACK.matcher(w.threadText(card)).find());
    assertThat(w.threadText(card)).contains("to x&lt;!channel&gt;").doesNotContain("<!channel>");

    Matcher started = ROLLBACK.matcher(w.threadText(card));
    assertThat(started.find()).isTrue();
    RunId rollbackId = new RunId(started.group(1));
    Await.until(
        "the rollback to succeed",
        () ->
            w.bot().engine().run(rollbackId).map(Run::status).orElse(null) == RunStatus.SUCCEEDED);
    assertThat(w.image("dev", "staging", "web")).endsWith(":" + tag);

    w.client().slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/whats-deployed", "web");
    String answer = w.awaitEphemeral(BACKEND_DEVELOPER, "prod:");
    assertThat(answer).contains("staging: x&lt;!channel&gt;").doesNotContain("<!channel>");
  }

  @Test
  @DisplayName("a user who may not roll back is told the rule privately, and nothing starts")
  void refusedUserStartsNothing() {
    String deployId = deployedV11();
    SlackMessage card = rollBackButtonOn(deployId);

    w.client().blockAction(DEPLOYS_CHANNEL, STRANGER, card.ts(), "run.rollback", deployId);

    assertThat(w.awaitEphemeral(STRANGER, "Nothing was started"))
        .contains("staging: only group:backend, group:sre may roll back (deployers)");
    assertThat(w.bot().engine().history(WEB_STAGING, 10)).hasSize(1);
    assertThat(w.image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.1");
  }

  @Test
  @DisplayName(
      "on the card of a deploy that a newer one followed, it names the newer run and starts"
          + " nothing: rolling back from there would skip what runs now")
  void olderCardRefused() {
    String older = deployedV11();
    SlackMessage card = rollBackButtonOn(older);
    String newer = deployed("v1.2");

    w.client().blockAction(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, card.ts(), "run.rollback", older);

    assertThat(w.awaitEphemeral(BACKEND_DEVELOPER, "would skip it"))
        .contains(newer + " (deploy web v1.2 to staging) changed web in staging after " + older)
        .contains("/rollback web staging goes back from what runs now")
        .contains("/rollback web staging to v1.0 goes to the version before " + older);
    assertThat(w.bot().engine().history(WEB_STAGING, 10))
        .noneMatch(run -> run.pipeline().equals(RollbackPipeline.TYPE));
    assertThat(w.image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.2");
  }

  /** Deploys web v1.1 to staging (at v1.0 in the world) and waits for it to succeed. */
  private String deployedV11() {
    return deployed("v1.1");
  }

  /** Deploys web {@code version} to staging and waits for it to succeed. */
  private String deployed(String version) {
    BotResponse answer =
        w.client()
            .slashCommand(
                DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web " + version + " staging");
    Matcher id = STARTED.matcher(answer.body());
    assertThat(id.find()).as(answer.body()).isTrue();
    SlackMessage card = w.card(DEPLOYS_CHANNEL, id.group(1));
    Await.until("the deploy to succeed", () -> w.threadText(card).contains("succeeded"));
    assertThat(w.image("dev", "staging", "web"))
        .isEqualTo("registry.example.com/acme/web:" + version);
    return id.group(1);
  }

  /** The deploy's card, once its final version shows the Roll back button. */
  private SlackMessage rollBackButtonOn(String deployId) {
    SlackMessage card = w.card(DEPLOYS_CHANNEL, deployId);
    Await.until(
        "the Roll back button on the card of " + deployId,
        () -> w.cardText(card).contains("run.rollback"));
    return card;
  }
}
