package dev.shipmate.bot.slack.render;

import dev.shipmate.bot.presenter.Audience;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.RunCardFixtures;
import dev.shipmate.bot.presenter.RunState;
import dev.shipmate.bot.presenter.ThreadNote;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("SlackRenderer renders run cards and thread notes exactly as the golden files say")
class SlackRendererGoldenTest {

  private final SlackRenderer renderer = new SlackRenderer(RunCardFixtures.CLOCK);

  static Stream<Arguments> cards() {
    return Stream.of(
        Arguments.of("running-deploy", RunCardFixtures.runningDeploy()),
        Arguments.of("awaiting-approval", RunCardFixtures.awaitingApproval()),
        Arguments.of("rolled-back", RunCardFixtures.rolledBack()),
        Arguments.of("upgrade-60-steps", RunCardFixtures.sixtyStepUpgrade()),
        Arguments.of("cancelled", RunCardFixtures.cancelled()),
        Arguments.of("paused-upgrade", RunCardFixtures.pausedUpgrade()),
        Arguments.of("asking-upgrade", RunCardFixtures.askingUpgrade()),
        Arguments.of("held-upgrade", RunCardFixtures.heldUpgrade()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cards")
  @DisplayName("a run card renders to its golden Block Kit JSON")
  void runCard(String name, RunCard card) {
    // When
    String json = BlockKitJson.of(renderer.render(card));

    // Then
    GoldenFile.assertMatches("card-" + name, json);
  }

  @Test
  @DisplayName("thread notes render to their golden JSON: messages, and a file for long output")
  void threadNotes() {
    // Given
    ThreadNote step =
        ThreadNote.stepFinished(
            "Roll out web", dev.shipmate.bot.presenter.StepStatus.DONE, "10/10 updated");
    ThreadNote warning =
        ThreadNote.warning("Pod web-7c9 restarted twice <during> the bake & kept going");
    ThreadNote cause =
        ThreadNote.failureCause(
                "d-4k2p",
                "Roll out web",
                "3 pods in CrashLoopBackOff",
                "Shipmate rolled web back to v1.1.")
            .withOutput("web-7c9f 0/1 CrashLoopBackOff\nweb-7c9g 0/1 CrashLoopBackOff")
            .to(Audience.of("U01SRE1").andChannel());
    ThreadNote outcome =
        ThreadNote.outcome("Deploy web v1.2 → prod", RunState.SUCCEEDED, Duration.ofSeconds(192))
            .to(Audience.of("U01SRE1"));
    ThreadNote approvalRequest =
        ThreadNote.approvalRequest(
            "d-4k2p",
            "Deploy web v1.2 to prod",
            1,
            new Audience(List.of("U01SRE2"), List.of("S0SRE"), false));
    ThreadNote longLog =
        ThreadNote.failureCause(
                "d-4k2p",
                "Roll out web",
                "the rollout timed out",
                "Shipmate rolled web back to v1.1.")
            .withOutput("log line that goes on and on\n".repeat(200));

    ThreadNote question =
        ThreadNote.question(
                "u-7p2q",
                "u-7p2q is paused and needs you. "
                    + RunCardFixtures.STUCK
                    + " Abort stops the run.",
                RunCardFixtures.askingUpgrade().actions())
            .to(Audience.of("U01SRE1"));

    // When
    com.google.gson.JsonArray rendered = new com.google.gson.JsonArray();
    Stream.of(step, warning, cause, outcome, longLog, question, approvalRequest)
        .map(renderer::render)
        .map(BlockKitJson::tree)
        .forEach(rendered::add);

    // Then
    GoldenFile.assertMatches("thread-notes", BlockKitJson.gson().toJson(rendered));
  }
}
