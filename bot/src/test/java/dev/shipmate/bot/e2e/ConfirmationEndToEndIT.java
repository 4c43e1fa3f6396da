package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.e2e.E2eConfig.BACKEND_DEVELOPER;
import static dev.shipmate.bot.e2e.E2eConfig.DEPLOYS_CHANNEL;
import static dev.shipmate.bot.e2e.E2eConfig.OTHER_SRE;
import static dev.shipmate.bot.e2e.E2eConfig.PROD_CHANNEL;
import static dev.shipmate.bot.e2e.E2eConfig.SRE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackView;
import dev.shipmate.sandbox.world.SimulatedWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's prod says {@code confirm: true}: a command that would start a run there opens a
 * modal ({@code views.open} with the command's trigger id) and starts it only on Submit — signed
 * {@code view_submission}s and {@code view_closed}s through {@code /slack/events}, against the
 * strict Slack stand-in (trigger ids single-use, 3 s).
 */
@DisplayName("the confirmation modal of a confirm: true target")
class ConfirmationEndToEndIT {

  private static final LockKey PROD_WEB = LockKey.of("deploy", "prod/web");

  @TempDir static Path folder;

  private static E2eWorld e2e;

  @BeforeAll
  static void start() throws Exception {
    e2e = E2eWorld.onExampleConfig().start(folder).warmUp();
  }

  @AfterAll
  static void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "/deploy web v1.2 prod opens a modal showing current → new, the approvals and the lock;"
          + " nothing starts until Submit, which starts the run and answers privately")
  void modalThenSubmit() {
    int runsBefore = e2e.bot().engine().active().size();
    // When an SRE types the deploy
    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, SRE, "/deploy", "web v1.2 prod");

    // Then the ack is empty and a modal opens in front of them, saying what would happen
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.body()).isBlank();
    SlackView modal = e2e.awaitModal(SRE);
    assertThat(modal.title()).isEqualTo("Confirm");
    assertThat(modal.view().path("submit").path("text").asText()).isEqualTo("Deploy");
    assertThat(modal.view().path("close").path("text").asText()).isEqualTo("Cancel");
    assertThat(modal.text())
        .contains("Deploy web v1.2 to prod?")
        .contains("1 approval from group:sre")
        .contains("deploy:prod/web is free");
    // and what prod runs now, read from the cluster after the modal opened (views.update)
    Await.until(
        "the modal to show what prod runs now",
        () -> e2e.slack().view(modal.id()).orElseThrow().text().contains("Now:* prod: v1.0"));
    assertThat(e2e.slack().answered("views.update")).isNotEmpty();
    // and nothing has started yet
    assertThat(e2e.bot().engine().active()).hasSize(runsBefore);
    assertThat(e2e.bot().engine().audit(PROD_WEB, 5))
        .anySatisfy(entry -> assertThat(entry.detail()).contains("asked to confirm"));

    // When they press Submit
    int told = e2e.ephemeralsTo(SRE).size();
    BotResponse submitted = e2e.client().submitView(modal.id());

    // Then the modal closes, the run starts, and they are told so privately
    assertThat(submitted.status()).isEqualTo(200);
    assertThat(e2e.slack().view(modal.id()).orElseThrow().state())
        .isEqualTo(SlackView.State.SUBMITTED);
    String answer = e2e.awaitToldAfter(SRE, told);
    assertThat(answer).startsWith("Started d-").contains("deploy web v1.2 to prod");
    String runId = E2eWorld.runIdIn(answer);
    assertThat(e2e.bot().engine().run(RunId.parse(runId).orElseThrow())).isPresent();
    e2e.card(PROD_CHANNEL, runId);
    assertThat(e2e.bot().engine().active()).hasSize(runsBefore + 1);
    e2e.bot().engine().cancel(RunId.parse(runId).orElseThrow(), SRE);
  }

  @Test
  @DisplayName("Cancel closes the modal and starts nothing; the user is told so")
  void cancelStartsNothing() {
    int runsBefore = e2e.bot().engine().active().size();
    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, SRE, "/rollback", "web prod");
    assertThat(ack.body()).isBlank();
    SlackView modal = e2e.awaitModal(SRE);
    assertThat(modal.text()).contains("Roll back web in prod");
    assertThat(modal.view().path("submit").path("text").asText()).isEqualTo("Roll back");

    int told = e2e.ephemeralsTo(SRE).size();
    Optional<BotResponse> closed = e2e.client().closeView(modal.id());

    assertThat(closed).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(e2e.awaitToldAfter(SRE, told))
        .isEqualTo("Nothing was started: you cancelled the confirmation of /rollback web prod.");
    assertThat(e2e.bot().engine().active()).hasSize(runsBefore);
  }

  @Test
  @DisplayName(
      "a trigger id that expired before views.open: the user is told clearly and privately,"
          + " nothing starts")
  void expiredTrigger() {
    int runsBefore = e2e.bot().engine().active().size();
    int viewsBefore = e2e.slack().views().size();
    int told = e2e.ephemeralsTo(SRE).size();
    e2e.slack().setTriggerLifetime(Duration.ZERO);
    try {
      BotResponse ack = e2e.command(DEPLOYS_CHANNEL, SRE, "/deploy", "web v1.3 prod");
      assertThat(ack.body()).isBlank();

      String answer = e2e.awaitToldAfter(SRE, told);
      assertThat(answer)
          .isEqualTo(
              "Nothing was started: Slack did not show its confirmation (expired_trigger_id: it"
                  + " came later than Slack's 3 seconds), so /deploy web v1.3 prod did not start."
                  + " Type it again.");
      assertThat(e2e.slack().calls("views.open"))
          .last()
          .satisfies(call -> assertThat(call.error()).isEqualTo("expired_trigger_id"));
      assertThat(e2e.slack().views()).hasSize(viewsBefore);
      assertThat(e2e.bot().engine().active()).hasSize(runsBefore);
    } finally {
      e2e.slack().setTriggerLifetime(SimulatedSlack.TRIGGER_LIFETIME);
    }
  }

  @Test
  @DisplayName("someone who may not deploy to prod gets the rule in the ack, and no modal")
  void notADeployerGetsNoModal() {
    int viewsBefore = e2e.slack().views().size();
    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.2 prod");
    assertThat(E2eWorld.text(ack))
        .isEqualTo(
            "Nothing was started. prod: only group:sre may deploy (deployers); you are not in it.");
    assertThat(e2e.slack().views()).hasSize(viewsBefore);
  }

  @Test
  @DisplayName(
      "a Submit that arrives after the configuration changed, by someone no longer a deployer,"
          + " is refused and starts nothing: the guard is checked again")
  void submitAfterPermissionsChanged(@TempDir Path own) throws Exception {
    Path file = own.resolve("shipmate.yaml");
    Files.writeString(file, Files.readString(ExampleConfig.FILE));
    Clock clock = Clock.systemUTC();
    try (SimulatedWorld world = E2eWorld.onExampleConfig().startWorld(own)) {
      // Given the modal opened by a bot on which OTHER_SRE deploys to prod
      SlackView modal;
      try (Bot before = bot(world, file, clock)) {
        SlackClientSimulator slack = client(world, before);
        // warm: a first request pays for what later ones find loaded (see E2eWorld.warmUp)
        slack.slashCommand(DEPLOYS_CHANNEL, OTHER_SRE, "/shipmate", "help");
        BotResponse ack =
            slack.slashCommand(DEPLOYS_CHANNEL, OTHER_SRE, "/deploy", "web v1.2 prod");
        assertThat(ack.body()).isBlank();
        Await.until("the modal", () -> world.slack().openView(OTHER_SRE).isPresent());
        modal = world.slack().openView(OTHER_SRE).orElseThrow();
      }
      // When the bot is redeployed with OTHER_SRE out of group:sre, and they press Submit
      Files.writeString(
          file,
          Files.readString(ExampleConfig.FILE)
              .replace("sre: [U01SRE1, U01SRE2]", "sre: [U01SRE1, U01SRE3]"));
      try (Bot after = bot(world, file, clock)) {
        int told =
            (int)
                world.slack().ephemerals().stream().filter(e -> e.user().equals(OTHER_SRE)).count();
        BotResponse submitted = client(world, after).submitView(modal.id());

        // Then the new rules refuse it, privately, and nothing starts
        assertThat(submitted.status()).isEqualTo(200);
        Await.until(
            "the refusal",
            () ->
                world.slack().ephemerals().stream().filter(e -> e.user().equals(OTHER_SRE)).count()
                    > told);
        assertThat(
                world.slack().ephemerals().stream()
                    .filter(e -> e.user().equals(OTHER_SRE))
                    .skip(told)
                    .findFirst()
                    .orElseThrow()
                    .text())
            .isEqualTo(
                "Nothing was started. prod: only group:sre may deploy (deployers); you are not in"
                    + " it.");
        assertThat(after.engine().active()).isEmpty();
      }
    }
  }

  @Test
  @DisplayName(
      "/cutover on a cutover with confirm: true: the modal shows the weights served now, and"
          + " Submit (\"Shift traffic\") starts it")
  void cutoverConfirmed(@TempDir Path own) throws Exception {
    try (E2eWorld cutovers =
        E2eWorld.onExampleConfig(
                example ->
                    example
                        .replace(
                            "    bake: 5m\n    operators: [group:sre]",
                            "    bake: 5m\n    operators: [group:sre]\n    confirm: true")
                        .replace(
                            "manifests: previews/web",
                            "manifests: "
                                + ExampleConfig.FILE
                                    .getParent()
                                    .resolve("previews/web")
                                    .toAbsolutePath()))
            .start(own)) {
      cutovers.warmUp();
      BotResponse ack = cutovers.command(DEPLOYS_CHANNEL, SRE, "/cutover", "www 25%");
      assertThat(ack.body()).isBlank();
      SlackView modal = cutovers.awaitModal(SRE);
      assertThat(modal.view().path("submit").path("text").asText()).isEqualTo("Shift traffic");
      Await.until(
          "the weights served now",
          () ->
              cutovers.slack().view(modal.id()).orElseThrow().text().contains("Now:* www (")
                  && cutovers.slack().view(modal.id()).orElseThrow().text().contains("weights"));
      assertThat(cutovers.bot().engine().active()).isEmpty();

      int told = cutovers.ephemeralsTo(SRE).size();
      cutovers.client().submitView(modal.id());

      assertThat(cutovers.awaitToldAfter(SRE, told)).startsWith("Started c-");
      assertThat(cutovers.bot().engine().active()).hasSize(1);
    }
  }

  private static Bot bot(SimulatedWorld world, Path file, Clock clock) throws Exception {
    ShipmateConfig config = ConfigFiles.load(file, E2eWorld.env(file.getParent())).orThrow();
    return Bot.start(
        config,
        new ProcessSettings(file, 0, world.slack().apiUrl()),
        clock,
        Pipelines.on(
            config,
            clock,
            KubernetesClients.fromKubeconfig(world.kubeconfig()),
            world.aws().endpoint()));
  }

  private static SlackClientSimulator client(SimulatedWorld world, Bot bot) {
    return new SlackClientSimulator(bot.localUri().resolve("/slack/events"), world.slack());
  }
}
