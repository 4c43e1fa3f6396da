package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.MethodsClient;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.preview.PreviewSetup;
import dev.shipmate.bot.preview.SlackPreviewNotices;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.pipelines.github.WebhookSignature;
import dev.shipmate.pipelines.preview.PreviewExpiry;
import dev.shipmate.pipelines.preview.PreviewLabels;
import dev.shipmate.pipelines.preview.PreviewReaper;
import dev.shipmate.pipelines.preview.PreviewSite;
import dev.shipmate.pipelines.preview.PreviewUpPipeline;
import dev.shipmate.sandbox.github.SimulatedGitHub;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Previews as people and GitHub drive them: signed {@code /env} commands and signed webhook
 * deliveries reach the bot, the production preview pipelines run on the simulated cluster (real
 * controllers, real time), cards reach the Slack stand-in and statuses and the one comment reach
 * the GitHub stand-in. The example configuration, with {@code previews.limit} set to 1.
 */
@DisplayName("previews on the simulated world, end to end")
class PreviewEndToEndIT {
  private static final String DEVELOPER = "U02BE1";
  private static final String CHANNEL = "C0DEPLOYS";
  private static final String WEBHOOK_SECRET = "webhook-secret-for-tests";
  private static final String SHA = "3f2a9c1e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a";
  private static final String SHA2 = "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";

  @TempDir Path data;

  private E2eWorld e2e;
  private SimulatedWorld world;
  private SimulatedGitHub github;
  private Pipelines pipelines;
  private Bot bot;
  private SlackClientSimulator slack;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Path manifests = ExampleConfig.FILE.getParent().resolve("previews/web").toAbsolutePath();
    e2e =
        E2eWorld.onExampleConfig(
                example ->
                    example
                        .replace("  limit: 10", "  limit: 1")
                        .replace("manifests: previews/web", "manifests: " + manifests))
            .gitHub(WEBHOOK_SECRET)
            .start(data);
    world = e2e.world();
    github = e2e.github();
    pipelines = e2e.pipelines();
    bot = e2e.bot();
    slack = e2e.client();
    assertThat(e2e.config().previews().orElseThrow().limit()).isEqualTo(1);
  }

  @AfterEach
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "/env up makes the preview and posts its URL; up again updates it in place; list, extend"
          + " and down do what they say")
  void slackDrivesAPreview() {
    String up = env("up pr-21 --ref " + SHA);
    assertThat(up).contains("Started p-").contains("https://pr-21.preview.example.com");
    SlackMessage card = awaitCard(1);
    awaitThread(card, "succeeded");
    assertThat(cardText(card)).contains("https://pr-21.preview.example.com");
    assertThat(image("pr-21")).isEqualTo("registry.example.com/acme/web:" + SHA);
    assertThat(namespace("pr-21").getMetadata().getLabels())
        .containsEntry(PreviewLabels.OWNER, DEVELOPER)
        .containsEntry("pod-security.kubernetes.io/enforce", "baseline");
    String uid = namespace("pr-21").getMetadata().getUid();

    assertThat(env("up pr-21 --ref " + SHA2)).contains("Started p-");
    awaitThread(awaitCard(2), "succeeded");
    assertThat(namespace("pr-21").getMetadata().getUid()).isEqualTo(uid);
    assertThat(image("pr-21")).endsWith(":" + SHA2);

    assertThat(env("list"))
        .contains("pr-21")
        .contains("ready")
        .contains("@" + DEVELOPER)
        .contains("https://pr-21.preview.example.com");

    Instant before = expiry("pr-21");
    assertThat(env("extend pr-21 24h")).contains("Started e-");
    Await.until(
        "the expiry to move by 24h",
        () -> before.plus(Duration.ofHours(24)).equals(expiry("pr-21")));

    assertThat(env("down pr-21")).contains("Started x-");
    Await.until("namespace pr-21 to be gone", () -> namespace("pr-21") == null);
    assertThat(env("down pr-21")).contains("There is no preview for pr-21");
  }

  @Test
  @DisplayName(
      "/env up without --ref runs the pull request's head, as GitHub gives it; a pull request"
          + " GitHub does not know is refused, asking for --ref")
  void upWithoutRefRunsTheHead() {
    github.openPullRequest("acme/web", 71, SHA2);

    assertThat(env("up pr-71")).contains("Started p-").contains(SHA2.substring(0, 7));
    awaitThread(awaitCard(1), "succeeded");
    assertThat(image("pr-71")).endsWith(":" + SHA2);

    assertThat(env("up pr-72")).contains("Nothing was started").contains("--ref");
    assertThat(namespace("pr-72")).isNull();
  }

  @Test
  @DisplayName(
      "/env up acks in under a second when the cluster's API server answers 5 s late; the start"
          + " follows privately")
  void slowKubernetesDoesNotDelayTheAck() {
    world
        .cluster(e2e.config().previews().orElseThrow().cluster())
        .setApiDelay(Duration.ofSeconds(5));
    int before = e2e.ephemeralsTo(DEVELOPER).size();

    long started = System.nanoTime();
    BotResponse ack = slack.slashCommand(CHANNEL, DEVELOPER, "/env", "up pr-41 --ref " + SHA);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(ack.status()).isEqualTo(200);
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    assertThat(ack.body()).contains("Checking pr-41").doesNotContain("Started");
    Await.until(
        "the start, told privately once the cluster answered",
        () -> e2e.ephemeralsTo(DEVELOPER).size() > before);
    List<SlackEphemeral> told = e2e.ephemeralsTo(DEVELOPER);
    assertThat(told.get(told.size() - 1).text()).contains("Started p-");
    world.cluster(e2e.config().previews().orElseThrow().cluster()).setApiDelay(Duration.ZERO);
  }

  @Test
  @DisplayName("over previews.limit, /env up is refused naming the oldest preview")
  void limitRefusal() {
    env("up pr-31 --ref " + SHA);
    awaitThread(awaitCard(1), "succeeded");

    String refused = env("up pr-32 --ref " + SHA2);

    assertThat(refused)
        .contains("Nothing was started")
        .contains("limit is 1")
        .contains("pr-31")
        .contains("/env down pr-31");
    assertThat(namespace("pr-32")).isNull();
    assertThat(cards()).hasSize(1);
  }

  @Test
  @DisplayName(
      "a pull request opened gets a preview, pending then success and one comment; a redelivery"
          + " starts nothing; synchronize updates it and edits the comment; closed removes it")
  void gitHubDrivesAPreview() throws Exception {
    HttpResponse<String> opened = deliver("d-1", "opened", "acme/web", 41, SHA);
    assertThat(opened.statusCode()).isEqualTo(202);
    assertThat(opened.body()).contains("started p-");
    HttpResponse<String> again = deliver("d-1", "opened", "acme/web", 41, SHA);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("already handled");
    Await.until("a success status on " + SHA, () -> states(SHA).contains("success"));
    Await.until("the comment to say ready", () -> comment(41).contains("Ready"));
    assertThat(states(SHA)).containsExactly("pending", "success");
    assertThat(github.comments("acme/web", 41)).hasSize(1);
    assertThat(image("pr-41")).endsWith(":" + SHA);

    // Pushed while the first run may still hold preview:pr-41: started at once, or deferred.
    HttpResponse<String> pushed = deliver("d-2", "synchronize", "acme/web", 41, SHA2);
    assertThat(pushed.statusCode()).isEqualTo(202);
    assertThat(pushed.body()).containsAnyOf("started p-", "deferred");
    Await.until("a success status on " + SHA2, () -> states(SHA2).contains("success"));
    Await.until(
        "the comment to say ready at " + SHA2,
        () -> comment(41).contains("Ready") && comment(41).contains(SHA2.substring(0, 7)));
    assertThat(image("pr-41")).endsWith(":" + SHA2);
    assertThat(github.comments("acme/web", 41))
        .singleElement()
        .satisfies(c -> assertThat(c.edits()).isGreaterThanOrEqualTo(2));
    assertThat(github.commentsPosted()).isEqualTo(1);
    assertThat(bot.engine().history(PreviewSite.lockKey(41), 10)).hasSize(2);

    assertThat(deliver("d-3", "closed", "acme/web", 41, SHA2).statusCode()).isEqualTo(202);
    Await.until("namespace pr-41 to be gone", () -> namespace("pr-41") == null);
    Await.until("the comment to say removed", () -> comment(41).contains("Removed"));
    assertThat(github.commentsPosted()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a delivery whose sha is no longer the pull request's head is ignored, audited, and not"
          + " deployed")
  void staleHeadIgnored() throws Exception {
    github.openPullRequest("acme/web", 46, SHA2);
    byte[] old = payload("synchronize", "acme/web", 46, SHA);
    HttpResponse<String> stale =
        http.send(
            webhook("d-20", old)
                .header(WebhookSignature.HEADER, WebhookSignature.sign(WEBHOOK_SECRET, old))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    byte[] unknown = payload("opened", "acme/web", 47, SHA);
    HttpResponse<String> noSuchPr =
        http.send(
            webhook("d-21", unknown)
                .header(WebhookSignature.HEADER, WebhookSignature.sign(WEBHOOK_SECRET, unknown))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(stale.statusCode()).isEqualTo(202);
    assertThat(stale.body()).contains("ignored: its head is " + SHA2 + ", not " + SHA);
    assertThat(noSuchPr.statusCode()).isEqualTo(202);
    assertThat(noSuchPr.body()).contains("ignored: GitHub has no pull request #47");
    assertThat(bot.engine().active()).isEmpty();
    assertThat(bot.engine().history(PreviewSite.lockKey(46), 10)).isEmpty();
    assertThat(namespace("pr-46")).isNull();
    assertThat(github.statuses(SHA)).isEmpty();
    assertThat(bot.engine().audit(PreviewSite.lockKey(46), 10))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.action()).isEqualTo(AuditAction.IGNORED);
              assertThat(line.detail())
                  .contains("synchronize #46 at " + SHA)
                  .contains("not deployed, its head is " + SHA2);
            });

    // The same pull request pushed to its real head is deployed
    assertThat(deliver("d-22", "synchronize", "acme/web", 46, SHA2).body()).contains("started");
  }

  @Test
  @DisplayName("a push while the preview is still being made is deferred, then deployed")
  void pushDuringARunIsDeferred() throws Exception {
    assertThat(deliver("d-4", "opened", "acme/web", 42, SHA).statusCode()).isEqualTo(202);

    HttpResponse<String> pushed = deliver("d-5", "synchronize", "acme/web", 42, SHA2);

    assertThat(pushed.statusCode()).isEqualTo(202);
    assertThat(pushed.body()).contains("deferred").contains("preview:pr-42");
    Await.until("a success status on " + SHA2, () -> states(SHA2).contains("success"));
    assertThat(image("pr-42")).endsWith(":" + SHA2);
    assertThat(github.commentsPosted()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a bad signature gets 401 and is counted, another repository 202, and neither starts"
          + " anything")
  void webhookRefusals() throws Exception {
    byte[] body = payload("opened", "acme/web", 51, SHA);
    HttpResponse<String> forged =
        http.send(
            webhook("d-9", body)
                .header(WebhookSignature.HEADER, "sha256=" + "0".repeat(64))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> other = deliver("d-10", "opened", "acme/other", 51, SHA);

    assertThat(forged.statusCode()).isEqualTo(401);
    String failures = "shipmate_signature_failures_total{endpoint=\"/github/webhook\"} 1.0";
    assertThat(
            http.send(
                    HttpRequest.newBuilder(bot.managementUri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .contains(failures);
    // A captured, correctly signed body replayed under a new delivery id is not acted on again.
    HttpResponse<String> first = deliver("d-13", "closed", "acme/web", 53, SHA2);
    HttpResponse<String> replayed = deliver("d-14", "closed", "acme/web", 53, SHA2);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.body()).contains("already handled: this body was delivered before");
    Await.until("the first delivery's run to end", () -> bot.engine().active().isEmpty());
    assertThat(other.statusCode()).isEqualTo(202);
    assertThat(other.body()).contains("ignored");
    assertThat(bot.engine().active()).isEmpty();
    assertThat(namespace("pr-51")).isNull();
    assertThat(github.statuses(SHA)).isEmpty();
  }

  @Test
  @DisplayName(
      "a ref with a U+2028 line break is refused; a fork's head needs an explicit --ref, which"
          + " then runs")
  void refsAndForks() {
    // Slack text splits at U+2028 as at a space: the grammar refuses the piece after it.
    BotResponse crafted =
        slack.slashCommand(
            CHANNEL, DEVELOPER, "/env", "up pr-71 --ref v1\u2028securityContext:{privileged:true}");
    assertThat(E2eWorld.text(crafted)).startsWith("extra argument 'securityContext:");
    BotResponse quoted =
        slack.slashCommand(CHANNEL, DEVELOPER, "/env", "up pr-71 --ref v1\"privileged:true");
    assertThat(E2eWorld.text(quoted)).contains("is not a commit sha or tag");
    // A git ref the grammar takes but no image tag can be: the pipeline refuses it before anything
    // is written; /env answers after the ack, privately.
    assertThat(env("up pr-71 --ref feature/x"))
        .contains("Nothing was started")
        .contains("ref 'feature/x' is neither a git sha")
        .contains("--ref 3f2a9c1");

    github.openPullRequest("acme/web", 72, SHA2, "mallory/web");
    assertThat(env("up pr-72"))
        .contains("Nothing was started")
        .contains("pull request #72 comes from a fork (mallory/web)")
        .contains("/env up pr-72 --ref <sha>");

    github.openPullRequest("acme/web", 73, SHA2);
    assertThat(env("up pr-73")).contains("Started p-");
    assertThat(namespace("pr-71")).isNull();
    assertThat(namespace("pr-72")).isNull();
  }

  @Test
  @DisplayName("a signed webhook body over the 1 MiB cap gets 413 and starts nothing")
  void webhookTooLarge() throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');
    byte[] payload = payload("opened", "acme/web", 52, SHA);
    System.arraycopy(payload, 0, body, 0, payload.length);

    HttpResponse<String> refused =
        http.send(
            webhook("d-11", body)
                .header(WebhookSignature.HEADER, WebhookSignature.sign(WEBHOOK_SECRET, body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(namespace("pr-52")).isNull();
    assertThat(deliver("d-12", "opened", "acme/other", 52, SHA).statusCode()).isEqualTo(202);
  }

  @Test
  @DisplayName(
      "the reaper, on a manual clock, warns in the preview's thread with an Extend button that"
          + " extends it, and removes it once expired, saying so in the thread")
  void reaperWarnsAndRemoves() {
    env("up pr-61 --ref " + SHA);
    SlackMessage card = awaitCard(1);
    awaitThread(card, "succeeded");
    PreviewSetup setup = pipelines.previews().orElseThrow();
    MethodsClient methods =
        SlackApp.client(world.slack().apiUrl()).methods(SimulatedSlack.DEFAULT_BOT_TOKEN);
    Instant expiresAt = expiry("pr-61");
    ManualClock clock = new ManualClock(expiresAt.minus(Duration.ofMinutes(30)));
    PreviewReaper reaper =
        new PreviewReaper(
            bot.engine(),
            setup.parts().gateway(),
            new PreviewExpiry(clock),
            new SlackPreviewNotices(
                methods,
                bot.engine(),
                CHANNEL,
                run -> run.pipeline().equals(PreviewUpPipeline.TYPE)),
            ReplyAddress.channel(CHANNEL));

    assertThat(reaper.sweep().warned()).containsExactly(61);
    SlackMessage warning =
        thread(card).stream()
            .filter(m -> m.text().contains("within the hour"))
            .findFirst()
            .orElseThrow();
    assertThat(warning.text()).contains("<@" + DEVELOPER + ">");
    assertThat(warning.blocks().toString())
        .contains(SlackRenderer.actionId(RunActionKind.EXTEND))
        .contains("pr-61");
    assertThat(reaper.sweep().warned()).isEmpty();

    slack.blockAction(
        CHANNEL, DEVELOPER, warning.ts(), SlackRenderer.actionId(RunActionKind.EXTEND), "pr-61");
    Await.until(
        "the Extend button to add 24h",
        () -> expiresAt.plus(Duration.ofHours(24)).equals(expiry("pr-61")));
    // The extend run writes the expiry before it ends; a sweep while it still holds the preview's
    // lock would rightly leave the preview for the next sweep.
    Await.until("the extend run to end", () -> bot.engine().active().isEmpty());

    clock.set(expiry("pr-61").plusSeconds(1));
    List<RunId> removals = reaper.sweep().removals();

    assertThat(removals).hasSize(1);
    Await.until("namespace pr-61 to be gone", () -> namespace("pr-61") == null);
    Await.until(
        "the removal run to succeed",
        () ->
            bot.engine()
                .run(removals.get(0))
                .map(r -> r.status() == RunStatus.SUCCEEDED)
                .orElse(false));
    assertThat(threadText(card)).contains("pr-61 expired").contains(removals.get(0).value());
  }

  /**
   * Types {@code /env text}; answers what follows the ack, privately: /env reads the cluster and
   * GitHub after the ack, never before it.
   */
  private String env(String text) {
    int before = e2e.ephemeralsTo(DEVELOPER).size();
    BotResponse ack = slack.slashCommand(CHANNEL, DEVELOPER, "/env", text);
    assertThat(ack.status()).isEqualTo(200);
    Await.until("the answer to /env " + text, () -> e2e.ephemeralsTo(DEVELOPER).size() > before);
    List<SlackEphemeral> told = e2e.ephemeralsTo(DEVELOPER);
    return told.get(told.size() - 1).text();
  }

  private HttpResponse<String> deliver(
      String delivery, String action, String repo, int pr, String sha)
      throws IOException, InterruptedException {
    if (!action.equals("closed")) {
      github.openPullRequest(repo, pr, sha); // GitHub sends the event once the head is there
    }
    byte[] body = payload(action, repo, pr, sha);
    return http.send(
        webhook(delivery, body)
            .header(WebhookSignature.HEADER, WebhookSignature.sign(WEBHOOK_SECRET, body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder webhook(String delivery, byte[] body) {
    return HttpRequest.newBuilder(bot.localUri().resolve("/github/webhook"))
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", delivery)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private static byte[] payload(String action, String repo, int pr, String sha) {
    return ("{\"action\":\""
            + action
            + "\",\"number\":"
            + pr
            + ",\"pull_request\":{\"number\":"
            + pr
            + ",\"merged\":false,\"head\":{\"sha\":\""
            + sha
            + "\",\"ref\":\"feature/login\",\"repo\":{\"full_name\":\""
            + repo
            + "\"}}},\"repository\":{\"full_name\":\""
            + repo
            + "\"},\"sender\":{\"login\":\"octocat\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private String comment(int pr) {
    return github.comments("acme/web", pr).stream()
        .map(SimulatedGitHub.Comment::body)
        .findFirst()
        .orElse("");
  }

  private List<String> states(String sha) {
    return github.statuses(sha).stream().map(SimulatedGitHub.Status::state).toList();
  }

  private SlackMessage awaitCard(int count) {
    Await.until(count + " run cards in " + CHANNEL, () -> cards().size() >= count);
    return cards().get(count - 1);
  }

  private List<SlackMessage> cards() {
    return world.slack().topLevel(CHANNEL);
  }

  private List<SlackMessage> thread(SlackMessage card) {
    return world.slack().thread(CHANNEL, card.ts()).stream().filter(SlackMessage::isReply).toList();
  }

  private void awaitThread(SlackMessage card, String words) {
    Await.until("the run's thread to say " + words, () -> threadText(card).contains(words));
  }

  private String threadText(SlackMessage card) {
    return thread(card).stream().map(SlackMessage::text).reduce("", (a, b) -> a + "\n" + b);
  }

  private String cardText(SlackMessage card) {
    return world
        .slack()
        .message(CHANNEL, card.ts())
        .map(m -> m.text() + " " + m.blocks())
        .orElse("");
  }

  private KubernetesClient cluster() {
    return world.cluster("dev").client();
  }

  private Namespace namespace(String name) {
    return cluster().namespaces().withName(name).get();
  }

  private Instant expiry(String namespace) {
    return Instant.parse(
        namespace(namespace).getMetadata().getAnnotations().get(PreviewLabels.EXPIRES_AT));
  }

  private String image(String namespace) {
    return cluster()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("web")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }
}
