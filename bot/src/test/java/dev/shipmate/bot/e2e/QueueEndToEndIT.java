package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue through signed Slack requests, on the example configuration and the simulated world:
 * two deploys to staging, the second with {@code --queue}, run one after the other, and both cards
 * say so.
 */
@DisplayName("--queue, end to end")
class QueueEndToEndIT {
  private static final String BACKEND = E2eConfig.BACKEND_DEVELOPER;
  private static final String SRE = E2eConfig.SRE;
  private static final String DEPLOYS = E2eConfig.DEPLOYS_CHANNEL;

  @TempDir Path data;

  private E2eWorld e2e;

  @BeforeEach
  void start() throws Exception {
    // Pods at their usual pace: the first deploy must still be rolling when the second is typed.
    e2e = E2eWorld.onExampleConfig().podTimings(PodTimings.defaults()).start(data);
  }

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "two /deploy web … staging --queue run one after the other: the second's card shows its"
          + " place and who holds staging, then runs, then its outcome")
  void twoDeploysOneAfterTheOther() {
    String first =
        E2eWorld.text(e2e.command(DEPLOYS, BACKEND, "/deploy", "web v1.1 staging --queue"));
    assertThat(first).startsWith("Started d-");
    String firstId = E2eWorld.runIdIn(first);

    String second = E2eWorld.text(e2e.command(DEPLOYS, SRE, "/deploy", "web v1.2 staging --queue"));
    assertThat(second).matches("Queued [a-z]-[a-z0-9]{4}: .*");
    String secondId = second.substring("Queued ".length(), "Queued ".length() + 6);
    assertThat(second)
        .isEqualTo(
            "Queued "
                + secondId
                + ": deploy web v1.2 to staging — 1st in line for deploy:staging/web; `"
                + firstId
                + "` (<@"
                + BACKEND
                + ">) holds it now. It starts by itself when its turn comes; its card is being posted in <#"
                + DEPLOYS
                + ">. `/cancel "
                + secondId
                + "` takes it out of the queue.");

    SlackMessage firstCard = e2e.card(DEPLOYS, firstId);
    SlackMessage secondCard = e2e.card(DEPLOYS, secondId);
    String queuedLine = "Queued: 1st in line for deploy:staging/web; " + firstId + " holds it now.";
    assertThat(sent(secondId))
        .as("the second card, as first posted")
        .anySatisfy(text -> assertThat(text).contains(queuedLine).contains("queued"));

    assertThat(e2e.awaitOutcome(firstCard, "succeeded")).doesNotContain(secondId);
    e2e.awaitOutcome(secondCard, "succeeded");
    assertThat(e2e.threadShown(secondCard))
        .contains(secondId + "'s turn came: " + secondId + " left the queue of deploy:staging/web");
    Await.until(
        "the second card to show its outcome",
        () -> e2e.cardText(secondCard).toLowerCase(Locale.ROOT).contains("succeeded"));
    assertThat(e2e.cardText(secondCard)).doesNotContain("in line for");
    assertThat(e2e.image("dev", "staging", "web")).isEqualTo("registry.example.com/acme/web:v1.2");

    Run one = e2e.bot().engine().run(new RunId(firstId)).orElseThrow();
    Run two = e2e.bot().engine().run(new RunId(secondId)).orElseThrow();
    assertThat(two.state().startedAt().orElseThrow())
        .as("the second started once the first was over")
        .isAfterOrEqualTo(one.state().finishedAt().orElseThrow());
    assertThat(e2e.bot().engine().audit(two.id()))
        .extracting(AuditEntry::action)
        .containsSubsequence(AuditAction.QUEUED, AuditAction.QUEUE_STARTED);
    assertThat(sent(secondId))
        .as("the second card went from queued to running to succeeded")
        .anySatisfy(text -> assertThat(text.toLowerCase(Locale.ROOT)).contains("running"));
  }

  /** What was sent to Slack for a card mentioning {@code runId}: each post and update, in order. */
  private List<String> sent(String runId) {
    return e2e.slack().calls().stream()
        .filter(c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
        .map(SlackQueueCalls::content)
        .filter(text -> text.contains(runId))
        .toList();
  }

  /** The text and blocks of a card call, as sent. */
  private static final class SlackQueueCalls {
    static String content(SlackCall call) {
      return String.valueOf(call.param("text")) + "\n" + String.valueOf(call.param("blocks"));
    }
  }
}
