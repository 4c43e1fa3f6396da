package dev.shipmate.bot.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slack.budget.RateBudgetInterceptor;
import dev.shipmate.bot.slack.budget.SlackRateBudget;
import dev.shipmate.bot.slack.budget.SlackTiers;
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
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.engine.testing.ManualWakeUps;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackFault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one store, each with its engine, reporter, publisher and rate budget, as two bot
 * processes have them (their Quartz schedulers aside: the test moves the run on one replica, then
 * the other, as Quartz would). Each replica holds updates for the same card; the one whose update
 * Slack made wait must not overwrite the final state the other sent meanwhile.
 */
class TwoReplicasCardIT {

  private static final String CHANNEL = FrontConfig.DEPLOYS_CHANNEL;

  @TempDir Path folder;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private SimulatedSlack slack;
  private Replica a;
  private Replica b;

  private record Replica(Engine engine, ManualWakeUps wakeUps) {
    /** Moves the run on here, as this replica's Quartz would when its trigger fires. */
    void advance(Run run) {
      engine.wake(run.id());
      wakeUps.fireDue();
    }
  }

  @BeforeEach
  void start() throws Exception {
    slack = SimulatedSlack.start(Clock.systemUTC());
    opened.add(slack);
    slack.addBotTo(CHANNEL);
    ShipmateConfig config = FrontConfig.write(folder);
    Database database =
        Database.open(
            new StoreSettings(
                "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath(),
                Optional.empty(),
                Optional.empty()),
            4);
    opened.add(database);
    ManualClock clock = new ManualClock(Instant.now());
    a = replica("replica-a", database, config, clock);
    b = replica("replica-b", database, config, clock);
  }

  private Replica replica(String name, Database database, ShipmateConfig config, ManualClock clock)
      throws Exception {
    PipelineRegistry pipelines = PipelineRegistry.of(new ScriptedDeployPipeline());
    ManualWakeUps wakeUps = new ManualWakeUps(clock);
    Engine engine =
        Engine.builder(new RunStore(database.dataSource()), pipelines)
            .clock(clock)
            .wakeUps(wakeUps)
            .build();
    ScheduledExecutorService publishing = Executors.newScheduledThreadPool(2);
    opened.add(publishing::shutdownNow);
    Clock real = Clock.systemUTC();
    SlackRateBudget budget = new SlackRateBudget(SlackTiers.documented(), real, publishing);
    Slack client =
        SlackApp.client(slack.apiUrl(), new RateBudgetInterceptor(budget, slack.apiUrl(), real));
    RunCardProjector projector =
        new RunCardProjector(pipelines, Slices.of(Registration.slices(), config));
    CardPublisher publisher =
        new CardPublisher(
            client,
            slack.botToken(),
            new SlackRenderer(real),
            publishing,
            real,
            PublishPolicy.DEFAULT,
            budget,
            new StoredCards(engine, projector, name));
    SlackRunReporter reporter =
        new SlackRunReporter(
            engine, publisher, projector, Executors.newSingleThreadScheduledExecutor());
    engine.addListener(reporter);
    engine.start();
    opened.add(engine);
    opened.add(reporter);
    return new Replica(engine, wakeUps);
  }

  @AfterEach
  void stop() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception ignored) {
        // closing what the test opened; the next test starts afresh
      }
    }
  }

  @Test
  @DisplayName(
      "an update held back by a 429 on one replica, while the other sent the final state, sends"
          + " the stored (final) state: the card ends showing the outcome")
  void olderStateNeverOverwritesTheFinalOne() {
    // Given a run created on replica A, whose card A posted
    Run run =
        ((StartResult.Started)
                a.engine()
                    .start(
                        StartRequest.of(
                                "deploy", new DeployRequest("web", "v1-hold", "staging"), "U02BE1")
                            .replyTo(new ReplyAddress(CHANNEL, Optional.empty()))))
            .run();
    Await.until(
        "the card's address to be stored with the run",
        () -> a.engine().run(run.id()).orElseThrow().replyTo().orElseThrow().thread().isPresent());
    String ts = a.engine().run(run.id()).orElseThrow().replyTo().orElseThrow().thread().get();

    // When A moves the run on and its card update meets a 429 asking for a few seconds
    Duration retryAfter = Duration.ofSeconds(4);
    slack.setRetryAfter(retryAfter);
    slack.failNext("chat.update", 1, SlackFault.RATE_LIMITED);
    a.advance(run);
    Await.until(
        "A's update to be refused",
        () -> slack.calls("chat.update").stream().anyMatch(SlackCall::rateLimited));
    // A may call again from then on, not before.
    Instant retryFrom =
        slack.calls("chat.update").stream()
            .filter(SlackCall::rateLimited)
            .findFirst()
            .orElseThrow()
            .at()
            .plus(retryAfter);

    // And meanwhile the run finishes on replica B, which sends the final state
    ScriptedDeployPipeline.release("web");
    b.advance(run);
    assertThat(b.engine().run(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    Await.until("the card to show the outcome", () -> cardText(ts).contains("succeeded"));

    // Then A's update, once Slack lets it, sends what the store shows: the outcome, not running.
    // Counted by time: it may have gone while B's was still on its way.
    Await.until(
        "A's update to go after its Retry-After",
        () ->
            !slack
                .answered(
                    "chat.update",
                    call -> ts.equals(call.param("ts")) && !call.at().isBefore(retryFrom))
                .isEmpty(),
        Duration.ofSeconds(15));
    assertThat(cardText(ts)).contains("succeeded").doesNotContain("*running*");
  }

  private String cardText(String ts) {
    return slack.message(CHANNEL, ts).map(m -> m.text()).orElse("");
  }
}
