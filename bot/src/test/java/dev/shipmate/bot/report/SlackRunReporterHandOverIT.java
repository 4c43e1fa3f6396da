package dev.shipmate.bot.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slack.publish.CardPublisher;
import dev.shipmate.bot.slack.publish.PublishPolicy;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.bot.slice.Slices;
import dev.shipmate.bot.testing.FrontConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.wiring.Registration;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.engine.testing.ManualWakeUps;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas, seen from the one that did not create a run: it hears the run's later events
 * (Quartz fired them there) before the other replica has stored where the run's card is.
 */
class SlackRunReporterHandOverIT {

  private static final String CHANNEL = FrontConfig.DEPLOYS_CHANNEL;

  @TempDir Path folder;

  private SimulatedSlack slack;
  private Database database;
  private Engine engine;
  private ScheduledExecutorService publishing;
  private SlackRunReporter reporter;

  @BeforeEach
  void start() throws Exception {
    slack = SimulatedSlack.start(Clock.systemUTC());
    slack.addBotTo(CHANNEL);
    ShipmateConfig config = FrontConfig.write(folder);
    database =
        Database.open(
            new StoreSettings(
                "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath(),
                Optional.empty(),
                Optional.empty()),
            4);
    PipelineRegistry pipelines = PipelineRegistry.of(new ScriptedDeployPipeline());
    ManualClock clock = new ManualClock(Instant.now());
    engine =
        Engine.builder(new RunStore(database.dataSource()), pipelines)
            .clock(clock)
            .wakeUps(new ManualWakeUps(clock))
            .build();
    publishing = Executors.newSingleThreadScheduledExecutor();
    CardPublisher publisher =
        new CardPublisher(
            SlackApp.client(slack.apiUrl()),
            slack.botToken(),
            new SlackRenderer(Clock.systemUTC()),
            publishing,
            Clock.systemUTC(),
            PublishPolicy.DEFAULT);
    reporter =
        new SlackRunReporter(
            engine,
            publisher,
            new RunCardProjector(pipelines, Slices.of(Registration.slices(), config)),
            Executors.newSingleThreadScheduledExecutor());
  }

  @AfterEach
  void stop() throws Exception {
    reporter.close();
    publishing.shutdownNow();
    engine.close();
    database.close();
    slack.close();
  }

  /** A run created "on the other replica": this reporter did not hear it requested. */
  private Run createdElsewhere(String service) {
    StartResult result =
        engine.start(
            StartRequest.of("deploy", new DeployRequest(service, "v1", "staging"), "U02BE1")
                .replyTo(new ReplyAddress(CHANNEL, Optional.empty())));
    return ((StartResult.Started) result).run();
  }

  @Test
  @DisplayName("it waits for the other replica's card and keeps that one current, posting none")
  void adoptsTheOtherReplicasCard() {
    Run run = createdElsewhere("web");
    // The card the other replica posted in Slack
    String ts = slack.addMessage(CHANNEL, "the other replica's card").ts();

    // When this replica hears the run start before the other has stored where its card is
    reporter.onEvent(new RunEvent.RunStarted(run, Instant.now()));
    // And the other replica then stores where it posted it
    engine.updateReplyAddress(run.id(), new ReplyAddress(CHANNEL, Optional.of(ts)));

    // Then this replica redraws that card, and posts no second one
    Await.until(
        "the other replica's card to be updated",
        () -> !slack.answered("chat.update", call -> ts.equals(call.param("ts"))).isEmpty());
    assertThat(slack.calls("chat.postMessage")).isEmpty();
  }

  @Test
  @DisplayName("when no card appears (its replica died first), it posts the run's card itself")
  void postsWhenNoneAppears() {
    Run run = createdElsewhere("api");

    reporter.onEvent(new RunEvent.RunStarted(run, Instant.now()));

    Await.until(
        "a card for the run",
        () ->
            !slack
                .answered("chat.postMessage", call -> call.param("text").contains(run.id().value()))
                .isEmpty());
    Await.until(
        "the card's address to be stored with the run",
        () -> engine.run(run.id()).orElseThrow().replyTo().orElseThrow().thread().isPresent());
  }
}
