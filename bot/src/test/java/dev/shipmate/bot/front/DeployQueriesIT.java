package dev.shipmate.bot.front;

import static dev.shipmate.bot.e2e.E2eConfig.BACKEND_DEVELOPER;
import static dev.shipmate.bot.e2e.E2eConfig.DEPLOYS_CHANNEL;
import static dev.shipmate.bot.e2e.E2eConfig.PROD_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.e2e.E2eConfig;
import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.engine.testing.Await;
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
 * The read-only side of {@code /deploy}, through the Slack front on the simulated world: a dry run,
 * the history of a service in an environment, and what runs where.
 */
@DisplayName("/deploy --dry-run, /deploy history and /whats-deployed")
class DeployQueriesIT {

  private static final Pattern STARTED = Pattern.compile("Started (d-[0-9a-z]{4})");

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
      "a dry run acks that it is planning, then sends the plan privately; nothing changes and no"
          + " run starts")
  void dryRunSendsThePlan() {
    BotResponse ack =
        w.client()
            .slashCommand(
                DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 staging --dry-run");

    assertThat(ack.status()).isEqualTo(200);
    assertThat(E2eWorld.text(ack)).contains("Planning a deploy of web v1.1 to staging");
    String plan = w.awaitEphemeral(BACKEND_DEVELOPER, "Dry run");
    assertThat(plan)
        .contains("Deploy web v1.1 to staging")
        .contains("registry.example.com/acme/web:v1.0")
        .contains("registry.example.com/acme/web:v1.1")
        .contains("RollingUpdate")
        .contains("replicas");
    assertThat(w.image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.0");
    assertThat(w.bot().engine().active()).isEmpty();
    assertThat(w.world().slack().topLevel(DEPLOYS_CHANNEL)).isEmpty();
  }

  @Test
  @DisplayName("a dry run of the version already deployed says there is nothing to do")
  void dryRunAlreadyThere() {
    w.client()
        .slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.0 staging --dry-run");

    assertThat(w.awaitEphemeral(BACKEND_DEVELOPER, "Dry run"))
        .contains("already at v1.0 in staging: nothing to do");
  }

  @Test
  @DisplayName("a dry run by someone who may not deploy there shows the plan and names the rule")
  void dryRunNamesTheRule() {
    w.client()
        .slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 prod --dry-run");

    String plan = w.awaitEphemeral(BACKEND_DEVELOPER, "Dry run");
    assertThat(plan).contains("Deploy web v1.1 to prod").contains("Note:").contains("group:sre");
    assertThat(w.image("prod-eu", "prod", "web")).isEqualTo("registry.example.com/acme/web:v1.0");
    assertThat(w.world().slack().topLevel(PROD_CHANNEL)).isEmpty();
  }

  @Test
  @DisplayName("--dry-run to an environment in waves plans every cluster, wave by wave")
  void dryRunInWaves() {
    w.client().slashCommand(DEPLOYS_CHANNEL, E2eConfig.SRE, "/deploy", "web v1.1 global --dry-run");

    String plan = w.awaitEphemeral(E2eConfig.SRE, "in 2 waves");
    assertThat(plan)
        .contains("Deploy web v1.1 to global in 2 waves")
        .contains("wave 1 (prod-eu):")
        .contains("wave 2 (prod-us, prod-ap):")
        .contains("- prod-us: ")
        .contains("- prod-ap: ")
        .contains("registry.example.com/acme/web:v1.1");
    assertThat(w.image("prod-us", "global", "web")).isEqualTo("registry.example.com/acme/web:v1.0");
    assertThat(w.bot().engine().active()).isEmpty();
  }

  @Test
  @DisplayName("history lists a finished deploy with its version, requester, outcome and duration")
  void historyListsAFinishedDeploy() {
    BotResponse started =
        w.client().slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 staging");
    Matcher id = STARTED.matcher(started.body());
    assertThat(id.find()).as(started.body()).isTrue();
    SlackMessage card = w.card(DEPLOYS_CHANNEL, id.group(1));
    Await.until("the deploy to succeed", () -> w.threadText(card).contains("succeeded"));

    BotResponse history =
        w.client()
            .slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "history web staging");

    assertThat(E2eWorld.text(history))
        .contains("Last run of web in staging")
        .contains(id.group(1))
        .contains("deploy v1.1")
        .contains("by <@" + BACKEND_DEVELOPER + ">")
        .contains("no approval needed")
        .containsPattern("succeeded in \\d+[sm]");
  }

  @Test
  @DisplayName("history of a service never deployed there says so and how to deploy")
  void emptyHistory() {
    BotResponse history =
        w.client().slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "history web prod");

    assertThat(E2eWorld.text(history))
        .contains("No deploys or rollbacks of web in prod yet")
        .contains("/deploy web VERSION prod");
  }

  @Test
  @DisplayName("whats-deployed reads the version in every environment live and answers privately")
  void whatsDeployed() {
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
                  .setImage("registry.example.com/acme/web:v1.3");
              return d;
            });

    BotResponse ack =
        w.client().slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/whats-deployed", "web");

    assertThat(E2eWorld.text(ack)).contains("Reading which version of web runs where");
    String answer = w.awaitEphemeral(BACKEND_DEVELOPER, "web:");
    assertThat(answer).contains("staging: v1.3").contains("prod: v1.0");
  }
}
