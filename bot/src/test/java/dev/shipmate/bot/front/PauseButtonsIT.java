package dev.shipmate.bot.front;

import static dev.shipmate.bot.testing.FrontConfig.BACKEND;
import static dev.shipmate.bot.testing.FrontConfig.DEPLOYS_CHANNEL;
import static dev.shipmate.bot.testing.FrontConfig.SRE_1;
import static dev.shipmate.bot.testing.FrontConfig.SRE_2;
import static dev.shipmate.bot.testing.FrontConfig.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.gson.JsonParser;
import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ButtonClickPost;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause and Resume on the card of a pausable pipeline's run, clicked as Slack posts clicks, against
 * the whole bot and a Slack Web API stand-in.
 */
@DisplayName("Pause and Resume buttons")
class PauseButtonsIT {

  private static final Pattern STARTED = Pattern.compile("Started (d-[0-9a-z]{4}): ");

  @TempDir static Path folder;

  private static E2eWorld front;
  private static SimulatedSlack slack;
  private static Bot bot;
  private static URI events;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBot() throws Exception {
    front =
        E2eWorld.onFrontConfig(PipelineRegistry.of(new ScriptedDeployPipeline(true))).start(folder);
    slack = front.slack();
    bot = front.bot();
    events = front.events();
  }

  @AfterAll
  static void stopBot() {
    if (front != null) {
      front.close();
    }
  }

  @Test
  @DisplayName(
      "Pause holds the run and the card says who paused it and offers Resume; Resume lets it"
          + " finish; both are in the ledger")
  void pauseAndResume() throws Exception {
    String runId = startedRun(command("/deploy", "web v1-hold staging", BACKEND));
    String ts = cardTs(runId);
    awaitCard(ts, "run.pause", "the Pause button");

    click("run.pause", runId, SRE_1, ts);

    Await.until("the run to be paused", () -> run(runId).isPaused());
    SlackCall paused = awaitCard(ts, "paused by <@" + SRE_1 + ">", "the paused card");
    assertThat(blocks(paused)).contains("run.resume").contains("run.cancel");
    assertThat(blocks(paused)).doesNotContain("run.pause");
    assertThat(command("/runs", "", SRE_1)).contains(runId).contains("paused by <@" + SRE_1 + ">");

    ScriptedDeployPipeline.release("web");
    click("run.resume", runId, BACKEND, ts);

    Await.until("the run to succeed", () -> run(runId).status() == RunStatus.SUCCEEDED);
    awaitCard(ts, "succeeded", "the final card");
    assertThat(bot.engine().audit(new RunId(runId)))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .contains(tuple(AuditAction.PAUSED, SRE_1), tuple(AuditAction.RESUMED, BACKEND));
  }

  @Test
  @DisplayName(
      "on prod, which needs approvals, the requester may not resume a run an approver paused;"
          + " another approver may")
  void fourEyesOnResume() throws Exception {
    // prod asks for a confirmation first (confirm: true): a modal, then Submit
    String runId =
        startedRun(front.confirmed(DEPLOYS_CHANNEL, SRE_1, "/deploy", "search v1-hold prod"));
    String ts = cardTs(runId);
    click("run.approve", runId, SRE_2, ts);
    awaitCard(ts, "run.pause", "the Pause button");
    click("run.pause", runId, SRE_2, ts);
    Await.until("the run to be paused", () -> run(runId).isPaused());

    click("run.resume", runId, SRE_1, ts);

    assertThat(awaitEphemeral(SRE_1, "needs a second person"))
        .startsWith("Resume (<@" + SRE_2 + "> paused it) on " + runId + " needs a second person");
    assertThat(run(runId).isPaused()).isTrue();

    ScriptedDeployPipeline.release("search");
    click("run.resume", runId, SRE_2, ts);
    Await.until("the run to succeed", () -> run(runId).status() == RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("someone who is neither the requester nor an approver is refused, and told why")
  void strangerIsRefused() throws Exception {
    String runId = startedRun(command("/deploy", "api v1-hold staging", BACKEND));
    String ts = cardTs(runId);

    click("run.pause", runId, STRANGER, ts);

    String refusal = awaitEphemeral(STRANGER, "may pause it");
    assertThat(refusal)
        .contains("only the requester of " + runId)
        .contains("staging's approvers")
        .contains("you are neither");
    assertThat(run(runId).isPaused()).isFalse();
    ScriptedDeployPipeline.release("api");
    Await.until("the run to succeed", () -> run(runId).status() == RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName("a finished run cannot be paused, and whoever clicked is told so")
  void finishedRunCannotBePaused() throws Exception {
    String runId = startedRun(command("/deploy", "worker v1-ok staging", BACKEND));
    Await.until("the run to succeed", () -> run(runId).status() == RunStatus.SUCCEEDED);

    click("run.pause", runId, BACKEND, cardTs(runId));

    assertThat(awaitEphemeral(BACKEND, "cannot be paused or resumed")).contains(runId);
  }

  private static Run run(String runId) {
    return bot.engine().run(new RunId(runId)).orElseThrow();
  }

  private static String command(String command, String text, String user) throws Exception {
    HttpResponse<String> response =
        http.send(
            SlashCommandPost.of(command, text)
                .by(user)
                .signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString();
  }

  private static void click(String action, String runId, String user, String ts) throws Exception {
    HttpResponse<String> response =
        http.send(
            ButtonClickPost.of(action, runId, user, DEPLOYS_CHANNEL, ts)
                .signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String startedRun(String ack) {
    Matcher matcher = STARTED.matcher(ack);
    assertThat(matcher.find()).as("a started run in: " + ack).isTrue();
    return matcher.group(1);
  }

  private static String cardTs(String runId) {
    Await.until(
        "the reply address of " + runId,
        () -> run(runId).replyTo().flatMap(reply -> reply.thread()).isPresent());
    return run(runId).replyTo().flatMap(reply -> reply.thread()).orElseThrow();
  }

  /** Waits until the card's latest version (post or update) contains {@code text}. */
  private static SlackCall awaitCard(String ts, String text, String what) {
    Await.until(
        what + " on card " + ts, () -> latest(ts).map(c -> blocks(c).contains(text)).orElse(false));
    return latest(ts).orElseThrow();
  }

  private static Optional<SlackCall> latest(String ts) {
    List<SlackCall> updates = slack.answered("chat.update", call -> ts.equals(call.param("ts")));
    return updates.isEmpty() ? Optional.empty() : Optional.of(updates.get(updates.size() - 1));
  }

  private static String blocks(SlackCall card) {
    return card.param("blocks").replace("\\u003c", "<").replace("\\u003e", ">");
  }

  private static String awaitEphemeral(String user, String words) {
    Await.until(
        "an ephemeral message to " + user + " containing '" + words + "'",
        () -> ephemeralTo(user, words).isPresent());
    return ephemeralTo(user, words).orElseThrow();
  }

  private static Optional<String> ephemeralTo(String user, String words) {
    return slack.answered("chat.postEphemeral", call -> user.equals(call.param("user"))).stream()
        .map(call -> call.param("text"))
        .filter(text -> text.contains(words))
        .findFirst();
  }
}
