package dev.shipmate.bot.smoke;

import static dev.shipmate.bot.testing.FrontConfig.DEPLOYS_CHANNEL;
import static dev.shipmate.bot.testing.FrontConfig.SRE_1;
import static dev.shipmate.bot.testing.FrontConfig.SRE_2;
import static dev.shipmate.bot.testing.FrontConfig.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.drift.DriftSlice;
import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.testing.AppHomeOpenedPost;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.wiring.Registration;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a pipeline is one slice and one registration: the throwaway {@link SmokeSlice} (in this
 * test tree) is registered in place of the drift slice, and signed Slack requests reach it through
 * the dispatchers. Its guard decides who may and how many approvals, its card gets Approve and its
 * own stop button, {@code /runs} and App Home list its run — no other class of the bot names it.
 */
class AddAPipelineIT {

  @TempDir Path folder;

  private E2eWorld w;

  @AfterEach
  void stop() {
    if (w != null) {
      w.close();
    }
  }

  @Test
  @DisplayName(
      "a throwaway slice's command is guarded by its target, its card offers Approve then its"
          + " Abort, and /runs lists its run")
  void oneRegistration() throws Exception {
    // Given the registered slices, with the smoke slice instead of drift's (it takes /drift)
    List<PipelineSlice> slices = new ArrayList<>(Registration.slices());
    slices.removeIf(DriftSlice.class::isInstance);
    slices.add(new SmokeSlice());
    w = E2eWorld.onFrontConfig(slices).start(folder);

    // When someone who is not one of prod's operators asks for one, the guard refuses, naming it
    assertThat(E2eWorld.text(w.command(DEPLOYS_CHANNEL, STRANGER, "/drift", "prod-eu")))
        .isEqualTo(
            "Nothing was started. prod: only group:sre may smoke-test (operators); you are not in"
                + " it.");

    // When an operator asks and confirms (prod says confirm: true, which a slice gets for free),
    // it starts and waits for prod's one approval
    String started = w.confirmed(DEPLOYS_CHANNEL, SRE_1, "/drift", "prod-eu");
    assertThat(started)
        .matches(
            "Started s-[0-9a-z]{4}: smoke-test prod-eu — its card is being posted in <#"
                + DEPLOYS_CHANNEL
                + ">\\. It waits for 1 approval from someone else before it begins\\.");
    String runId = E2eWorld.runIdIn(started);

    // Then its card offers Approve and its slice's stop button, confirmed as prod asks
    SlackMessage card = w.card(DEPLOYS_CHANNEL, runId);
    assertThat(card.blocks().toString())
        .contains("run.approve")
        .contains("run.abort")
        .doesNotContain("run.cancel")
        .contains("confirm");

    // When another operator approves, it runs, and the card offers only Abort
    w.click(SRE_2, card, "run.approve");
    Await.until("the run to be running", () -> status(runId) == RunStatus.RUNNING);
    Await.until(
        "the card to offer only Abort",
        () -> blocks(card).contains("run.abort") && !blocks(card).contains("run.approve"));

    // And /runs lists it, with its target and who asked
    assertThat(E2eWorld.text(w.command(DEPLOYS_CHANNEL, STRANGER, "/runs", "")))
        .contains(
            "`" + runId + "` smoke-test prod-eu · smoke:prod-eu · running · <@" + SRE_1 + ">");

    // When its requester presses Abort, it ends cancelled
    w.click(SRE_1, card, "run.abort");
    Await.until("the run to end", () -> status(runId) == RunStatus.CANCELLED);

    // And their App Home lists it among their recent runs, from the targets the slice listed
    HttpResponse<String> opened =
        HttpClient.newHttpClient()
            .send(
                new AppHomeOpenedPost(SRE_1).signedWith(ExampleConfig.SIGNING_SECRET, w.events()),
                HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).isEqualTo(200);
    Await.until("the App Home of " + SRE_1, () -> !homeViews().isEmpty());
    assertThat(homeViews().get(homeViews().size() - 1).param("view"))
        .contains("Your recent runs")
        .contains(runId)
        .contains("cancelled");
  }

  private List<SlackCall> homeViews() {
    return w.slack().answered("views.publish", call -> SRE_1.equals(call.param("user_id")));
  }

  private String blocks(SlackMessage card) {
    return w.slack().message(card.channel(), card.ts()).map(m -> m.blocks().toString()).orElse("");
  }

  private RunStatus status(String runId) {
    return w.bot().engine().run(new RunId(runId)).orElseThrow().status();
  }
}
