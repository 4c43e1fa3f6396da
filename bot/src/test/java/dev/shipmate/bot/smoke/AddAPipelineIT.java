package dev.shipmate.bot.smoke;

import static dev.shipmate.bot.testing.FrontConfig.DEPLOYS_CHANNEL;
import static dev.shipmate.bot.testing.FrontConfig.SRE_1;
import static dev.shipmate.bot.testing.FrontConfig.SRE_2;
import static dev.shipmate.bot.testing.FrontConfig.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.drift.DriftSlice;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.testing.Await;
import dev.shipmate.bot.testing.ButtonClickPost;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.FrontConfig;
import dev.shipmate.bot.testing.SlackWorkspaceStandIn;
import dev.shipmate.bot.testing.SlackWorkspaceStandIn.Call;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.bot.wiring.Registration;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a pipeline is one slice and one registration: the throwaway {@link SmokeSlice} (in this
 * test tree) is registered in place of the drift slice, and a signed command reaches it through the
 * dispatcher. Its guard decides who may and how many approvals, its card gets Approve and its own
 * stop button, and {@code /runs} lists it — no other class of the bot names it.
 */
class AddAPipelineIT {

  private static final Pattern STARTED = Pattern.compile("Started (s-[0-9a-z]{4}): ");

  @TempDir Path folder;

  private final HttpClient http = HttpClient.newHttpClient();
  private SlackWorkspaceStandIn slack;
  private Bot bot;
  private URI events;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (slack != null) {
      slack.close();
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
    startBot(slices);

    // When someone who is not one of prod's operators asks for one, the guard refuses, naming it
    assertThat(command("/drift", "prod-eu", STRANGER))
        .isEqualTo(
            "Nothing was started. prod: only group:sre may smoke-test (operators); you are not in"
                + " it.");

    // When an operator asks, it starts and waits for prod's one approval
    String ack = command("/drift", "prod-eu", SRE_1);
    assertThat(ack)
        .matches(
            "Started s-[0-9a-z]{4}: smoke-test prod-eu — follow it in <#"
                + DEPLOYS_CHANNEL
                + ">\\. It waits for 1 approval from someone else before it begins\\.");
    String runId = runIdIn(ack);

    // Then its card offers Approve and its slice's stop button, confirmed as prod asks
    Call card = awaitCard(runId);
    assertThat(card.param("blocks"))
        .contains("run.approve")
        .contains("run.abort")
        .doesNotContain("run.cancel")
        .contains("\"confirm\"");

    // When another operator approves, it runs, and the card offers only Abort
    String ts = cardTs(runId);
    click("run.approve", runId, SRE_2, ts);
    Await.until("the run to be running", () -> status(runId) == RunStatus.RUNNING);
    Await.until(
        "the card to offer only Abort",
        () -> lastCard(ts).contains("run.abort") && !lastCard(ts).contains("run.approve"));

    // And /runs lists it, with its target and who asked
    assertThat(command("/runs", "", STRANGER))
        .contains(
            "`" + runId + "` smoke-test prod-eu · smoke:prod-eu · running · <@" + SRE_1 + ">");

    // When its requester presses Abort, it ends cancelled
    click("run.abort", runId, SRE_1, ts);
    Await.until("the run to end", () -> status(runId) == RunStatus.CANCELLED);
  }

  private void startBot(List<PipelineSlice> slices) throws Exception {
    slack = SlackWorkspaceStandIn.start();
    ShipmateConfig config = FrontConfig.write(folder);
    ProcessSettings settings =
        ProcessSettings.from(Map.of("PORT", "0", "SLACK_API_URL", slack.url().toString()));
    bot =
        Bot.start(
            config,
            settings,
            Clock.systemUTC(),
            Pipelines.on(
                config,
                Clock.systemUTC(),
                KubernetesClients.fromKubeconfig(folder.resolve("no-kubeconfig")),
                URI.create("http://127.0.0.1:9/"),
                slices));
    events = bot.localUri().resolve("/slack/events");
  }

  private String command(String command, String text, String user) throws Exception {
    HttpResponse<String> response =
        http.send(
            SlashCommandPost.of(command, text)
                .by(user)
                .signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString();
  }

  private void click(String action, String runId, String user, String ts) throws Exception {
    HttpResponse<String> response =
        http.send(
            ButtonClickPost.of(action, runId, user, DEPLOYS_CHANNEL, ts)
                .signedWith(ExampleConfig.SIGNING_SECRET, events),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private Call awaitCard(String runId) {
    Await.until(
        "the card of " + runId,
        () -> cards().stream().anyMatch(call -> call.param("text").contains(runId)));
    return cards().stream()
        .filter(call -> call.param("text").contains(runId))
        .findFirst()
        .orElseThrow();
  }

  private List<Call> cards() {
    return slack.answered(
        "chat.postMessage",
        call -> call.param("thread_ts") == null && DEPLOYS_CHANNEL.equals(call.param("channel")));
  }

  /** The blocks of the card's last update, or of its post when it has none yet. */
  private String lastCard(String ts) {
    List<Call> updates = slack.answered("chat.update", call -> ts.equals(call.param("ts")));
    return updates.isEmpty() ? "" : updates.get(updates.size() - 1).param("blocks");
  }

  /** The card's ts, once it is stored as the run's thread. */
  private String cardTs(String runId) {
    Await.until(
        "the reply address of " + runId,
        () ->
            bot.engine()
                .run(new RunId(runId))
                .flatMap(r -> r.replyTo())
                .flatMap(r -> r.thread())
                .isPresent());
    return bot.engine()
        .run(new RunId(runId))
        .flatMap(r -> r.replyTo())
        .flatMap(r -> r.thread())
        .orElseThrow();
  }

  private RunStatus status(String runId) {
    return bot.engine().run(new RunId(runId)).orElseThrow().status();
  }

  private static String runIdIn(String ack) {
    Matcher matcher = STARTED.matcher(ack);
    assertThat(matcher.find()).as("a started run in: " + ack).isTrue();
    return matcher.group(1);
  }
}
