package dev.shipmate.bot.front;

import static dev.shipmate.bot.testing.FrontConfig.BACKEND;
import static dev.shipmate.bot.testing.FrontConfig.DEPLOYS_CHANNEL;
import static dev.shipmate.bot.testing.FrontConfig.PROD_CHANNEL;
import static dev.shipmate.bot.testing.FrontConfig.QA;
import static dev.shipmate.bot.testing.FrontConfig.SRE_1;
import static dev.shipmate.bot.testing.FrontConfig.SRE_2;
import static dev.shipmate.bot.testing.FrontConfig.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.AppHomeOpenedPost;
import dev.shipmate.bot.testing.ButtonClickPost;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.FrontConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackFault;
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
 * The Slack front end to end: signed commands and clicks posted over HTTP as Slack posts them, the
 * whole bot (engine on an H2 file, Quartz, Bolt on Jetty) behind them, and assertions on what
 * reached the Slack Web API stand-in. Each test deploys its own service, so their locks never meet.
 */
class SlackFrontIT {

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
        E2eWorld.onFrontConfig(PipelineRegistry.of(new ScriptedDeployPipeline()))
            .seedSlack(workspace -> workspace.addUsergroup(FrontConfig.QA_GROUP, List.of(QA)))
            .start(folder);
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
      "a deploy posts its card to the channel, keeps it current, threads its steps under it and"
          + " ends with the outcome in words")
  void cardThreadAndOutcome() throws Exception {
    // When someone from backend deploys web to staging (no channel of its own)
    String ack = command(SlashCommandPost.of("/deploy", "web v1-ok staging").by(BACKEND));

    // Then the ack names the run and the channel to follow it in
    String runId = startedRun(ack);
    assertThat(ack).contains("deploy web v1-ok to staging").contains("<#" + DEPLOYS_CHANNEL + ">");

    // And its card is posted to slack.channel, with the run's thread under it
    String ts = cardTs(runId, DEPLOYS_CHANNEL);
    awaitThread(ts, "succeeded in");
    assertThat(thread(ts))
        .anySatisfy(text -> assertThat(text).isEqualTo("set-image: done"))
        .anySatisfy(text -> assertThat(text).isEqualTo("wait-rollout: done"))
        .last()
        .satisfies(
            text ->
                assertThat(text)
                    .as("the outcome calls on the requester")
                    .startsWith("<@" + BACKEND + "> Deploy web v1-ok to staging succeeded in"));

    // And the card itself ends "succeeded", and the run's reply address is the card's thread
    awaitFinalCard(ts, "succeeded");
    Run run = bot.engine().run(new RunId(runId)).orElseThrow();
    assertThat(run.replyTo()).map(r -> r.thread()).contains(Optional.of(ts));
    assertThat(run.replyTo()).map(r -> r.channel()).contains(DEPLOYS_CHANNEL);

    // And the ledger has the command as typed, with who typed it and what came of it
    assertThat(bot.engine().audit(new RunId(runId)))
        .extracting(AuditEntry::action)
        .contains(AuditAction.RUN_REQUESTED, AuditAction.RUN_FINISHED);
    assertThat(bot.engine().audit(LockKey.of("deploy", "staging/web"), 20))
        .anySatisfy(
            line -> {
              assertThat(line.action()).isEqualTo(AuditAction.COMMAND);
              assertThat(line.actor()).isEqualTo(BACKEND);
              assertThat(line.detail()).isEqualTo("/deploy web v1-ok staging: started " + runId);
            });
  }

  @Test
  @DisplayName(
      "a failing deploy threads the cause (run, step, what Shipmate did) and is rolled back")
  void failureCauseInTheThread() throws Exception {
    String runId = startedRun(command(SlashCommandPost.of("/deploy", "api v2-fail staging")));
    String ts = cardTs(runId, DEPLOYS_CHANNEL);

    awaitThread(ts, "rolled back in");

    assertThat(thread(ts))
        .anySatisfy(
            text ->
                assertThat(text)
                    .isEqualTo(
                        "<@"
                            + SRE_1
                            + "> "
                            + runId
                            + " failed at step wait-rollout: "
                            + ScriptedDeployPipeline.FAILURE
                            + ". Shipmate rolled back everything the run had changed."));
    awaitFinalCard(ts, "rolled back");
    assertThat(bot.engine().run(new RunId(runId)).orElseThrow().status())
        .isEqualTo(RunStatus.ROLLED_BACK);
  }

  @Test
  @DisplayName(
      "prod needs an approval: the requester's click is refused, a non-approver's names the rule,"
          + " an approver's starts the run and the card shows who approved")
  void approvals() throws Exception {
    // Given a deploy to prod, which reports to its own channel and needs one approval
    // prod asks for a confirmation first (confirm: true): a modal, then Submit
    String runId =
        startedRun(front.confirmed(DEPLOYS_CHANNEL, SRE_1, "/deploy", "worker v3-ok prod"));
    String ts = cardTs(runId, PROD_CHANNEL);
    SlackCall posted = cardPost(runId);
    assertThat(posted.param("blocks"))
        .contains("run.approve")
        .contains("run.cancel")
        .contains("This changes production.");

    // When the requester approves their own run
    click("run.approve", runId, SRE_1, PROD_CHANNEL, ts);

    // Then they alone are told why not, and the run still waits
    assertThat(awaitEphemeral(SRE_1, "cannot approve")).contains(runId);
    assertThat(status(runId)).isEqualTo(RunStatus.AWAITING_APPROVAL);

    // When someone outside prod's approvers approves
    click("run.approve", runId, BACKEND, PROD_CHANNEL, ts);

    // Then the refusal names the rule
    assertThat(awaitEphemeral(BACKEND, "prod:"))
        .isEqualTo("prod: only group:sre may approve (deployers); you are not in it.");
    assertThat(status(runId)).isEqualTo(RunStatus.AWAITING_APPROVAL);

    // When another member of sre approves
    click("run.approve", runId, SRE_2, PROD_CHANNEL, ts);

    // Then the run goes, and its card says who approved it
    awaitThread(ts, "succeeded in");
    SlackCall last = awaitFinalCard(ts, "succeeded");
    assertThat(blocks(last)).contains("approved by <@" + SRE_2 + ">");
  }

  @Test
  @DisplayName(
      "a deploy by someone who is not a deployer is refused, naming the rule, and starts nothing")
  void permissionRefusedNamesTheRule() throws Exception {
    int cardsBefore = cardPosts().size();

    String ack = command(SlashCommandPost.of("/deploy", "web v9 prod").by(BACKEND));

    assertThat(ack)
        .isEqualTo(
            "Nothing was started. prod: only group:sre may deploy (deployers); you are not in it.");
    assertThat(bot.engine().history(LockKey.of("deploy", "prod/web"), 5)).isEmpty();
    assertThat(cardPosts()).hasSize(cardsBefore);
  }

  @Test
  @DisplayName("deployers given as a Slack user group are looked up in Slack")
  void slackUserGroupDeployers() throws Exception {
    assertThat(command(SlashCommandPost.of("/deploy", "cache v1-ok qa").by(SRE_1)))
        .isEqualTo("Nothing was started. qa: only S0QA may deploy (deployers); you are not in it.");

    String runId = startedRun(command(SlashCommandPost.of("/deploy", "cache v1-ok qa").by(QA)));

    awaitThread(cardTs(runId, DEPLOYS_CHANNEL), "succeeded in");
    assertThat(slack.calls("usergroups.users.list"))
        .anySatisfy(call -> assertThat(call.param("usergroup")).isEqualTo(FrontConfig.QA_GROUP));
  }

  @Test
  @DisplayName(
      "/runs lists the active runs; /cancel by a stranger is refused, by the requester cancels")
  void runsAndCancel() throws Exception {
    String runId =
        startedRun(command(SlashCommandPost.of("/deploy", "billing v4-hold staging").by(BACKEND)));
    String ts = cardTs(runId, DEPLOYS_CHANNEL);

    assertThat(command(SlashCommandPost.of("/runs", "")))
        .contains("`" + runId + "` deploy billing v4-hold to staging · deploy:staging/billing · ")
        .contains("<@" + BACKEND + ">");

    assertThat(command(SlashCommandPost.of("/cancel", runId).by(STRANGER)))
        .isEqualTo(
            "only the requester of "
                + runId
                + " (<@"
                + BACKEND
                + ">) or staging's approvers (group:backend, group:sre) may cancel it; you are"
                + " neither.");
    assertThat(status(runId)).isNotEqualTo(RunStatus.CANCELLED);

    assertThat(command(SlashCommandPost.of("/cancel", runId).by(BACKEND)))
        .isEqualTo("Cancelling " + runId + "; anything it changed will be undone.");

    awaitThread(ts, "cancelled in");
    SlackCall last = awaitFinalCard(ts, "cancelled");
    assertThat(blocks(last)).contains("Cancelled by <@" + BACKEND + ">");
    assertThat(status(runId)).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  @DisplayName("the same command delivered three times (X-Slack-Retry-Num 1, 2) starts one run")
  void retriesStartOneRun() throws Exception {
    SlashCommandPost first = SlashCommandPost.of("/deploy", "search v5-hold staging");

    String ack = command(first);
    String retry1 = command(first.retry(1));
    String retry2 = command(first.retry(2));

    String runId = startedRun(ack);
    assertThat(retry1).startsWith("Shipmate already received this command");
    assertThat(retry2).isEqualTo(retry1);
    assertThat(bot.engine().history(LockKey.of("deploy", "staging/search"), 5))
        .extracting(run -> run.id().value())
        .containsExactly(runId);

    ScriptedDeployPipeline.release("search");
    awaitThread(cardTs(runId, DEPLOYS_CHANNEL), "succeeded in");
    assertThat(cardPosts()).filteredOn(call -> call.param("text").contains("search")).hasSize(1);
  }

  @Test
  @DisplayName("429 with Retry-After on chat.update: the card is updated later, and ends right")
  void rateLimitedUpdates() throws Exception {
    // Given Slack rate-limits the next card updates
    slack.failNext("chat.update", 2, SlackFault.RATE_LIMITED);

    // When a deploy runs to its end
    String runId = startedRun(command(SlashCommandPost.of("/deploy", "mail v6-hold staging")));
    String ts = cardTs(runId, DEPLOYS_CHANNEL);
    ScriptedDeployPipeline.release("mail");

    // Then the updates that were refused were waited out, and the final card is right
    awaitThread(ts, "succeeded in");
    awaitFinalCard(ts, "succeeded");
    assertThat(slack.calls("chat.update"))
        .anySatisfy(call -> assertThat(call.status()).isEqualTo(429));
    assertThat(thread(ts)).contains("set-image: done", "wait-rollout: done");
  }

  @Test
  @DisplayName("opening the Home tab publishes what is running and the viewer's recent runs")
  void appHome() throws Exception {
    String runId =
        startedRun(command(SlashCommandPost.of("/deploy", "bench v7-ok staging").by(SRE_2)));
    awaitThread(cardTs(runId, DEPLOYS_CHANNEL), "succeeded in");

    HttpResponse<String> response =
        http.send(
            new AppHomeOpenedPost(SRE_2).signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Await.until("views.publish for " + SRE_2, () -> !homeViews().isEmpty());
    String view = homeViews().get(homeViews().size() - 1).param("view");
    assertThat(view).contains("Running now").contains("Your recent runs").contains(runId);
  }

  /**
   * The card's blocks as Slack got them, with the JSON escapes of {@code <} and {@code >} undone.
   */
  private static String blocks(SlackCall card) {
    return card.param("blocks").replace("\\u003c", "<").replace("\\u003e", ">");
  }

  private static List<SlackCall> homeViews() {
    return slack.answered("views.publish", call -> SRE_2.equals(call.param("user_id")));
  }

  private static String command(SlashCommandPost command) throws Exception {
    HttpResponse<String> response =
        http.send(
            command.signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var body = JsonParser.parseString(response.body()).getAsJsonObject();
    assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
    return body.get("text").getAsString();
  }

  private static void click(String action, String runId, String user, String channel, String ts)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            ButtonClickPost.of(action, runId, user, channel, ts)
                .signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String startedRun(String ack) {
    Matcher matcher = STARTED.matcher(ack);
    assertThat(matcher.find()).as("a started run in: " + ack).isTrue();
    return matcher.group(1);
  }

  private static RunStatus status(String runId) {
    return bot.engine().run(new RunId(runId)).orElseThrow().status();
  }

  private static List<SlackCall> cardPosts() {
    return slack.answered("chat.postMessage", call -> call.param("thread_ts") == null);
  }

  private static SlackCall cardPost(String runId) {
    Await.until(
        "the card of " + runId,
        () -> cardPosts().stream().anyMatch(call -> call.param("text").contains(runId)));
    return cardPosts().stream()
        .filter(call -> call.param("text").contains(runId))
        .findFirst()
        .orElseThrow();
  }

  /** The card's ts, once it is posted to {@code channel} and stored as the run's thread. */
  private static String cardTs(String runId, String channel) {
    assertThat(cardPost(runId).param("channel")).isEqualTo(channel);
    Await.until("the reply address of " + runId, () -> replyThread(runId).isPresent());
    return replyThread(runId).orElseThrow();
  }

  private static Optional<String> replyThread(String runId) {
    return bot.engine()
        .run(new RunId(runId))
        .flatMap(Run::replyTo)
        .flatMap(reply -> reply.thread());
  }

  /** The texts of the replies posted under {@code ts}, in order. */
  private static List<String> thread(String ts) {
    return slack.answered("chat.postMessage", call -> ts.equals(call.param("thread_ts"))).stream()
        .map(call -> call.param("text"))
        .toList();
  }

  private static void awaitThread(String ts, String words) {
    Await.until(
        "a reply containing '" + words + "' under " + ts,
        () -> thread(ts).stream().anyMatch(text -> text.contains(words)));
  }

  private static SlackCall awaitFinalCard(String ts, String state) {
    Await.until(
        "the card " + ts + " updated to '" + state + "'",
        () -> {
          List<SlackCall> updates =
              slack.answered("chat.update", call -> ts.equals(call.param("ts")));
          return !updates.isEmpty()
              && updates.get(updates.size() - 1).param("text").endsWith("): " + state);
        });
    List<SlackCall> updates = slack.answered("chat.update", call -> ts.equals(call.param("ts")));
    return updates.get(updates.size() - 1);
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
