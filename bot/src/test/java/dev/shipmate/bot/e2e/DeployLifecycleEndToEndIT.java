package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.e2e.E2eConfig.BACKEND_DEVELOPER;
import static dev.shipmate.bot.e2e.E2eConfig.DEPLOYS_CHANNEL;
import static dev.shipmate.bot.e2e.E2eConfig.OTHER_SRE;
import static dev.shipmate.bot.e2e.E2eConfig.PROD_CHANNEL;
import static dev.shipmate.bot.e2e.E2eConfig.SRE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slack.render.SlackRenderer;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What issue 6 asks of {@code /deploy} and {@code /rollback}, driven as Slack drives the bot
 * (signed POSTs to {@code /slack/events}) against the production pipelines on the simulated world
 * in real time, and checked on what reached the Slack stand-in and on the simulated clusters. One
 * world and one bot serve every test; each test deploys a service of its own.
 */
@DisplayName("/deploy and /rollback through Slack on the simulated world")
class DeployLifecycleEndToEndIT {
  private static final String APPROVE = SlackRenderer.actionId(RunActionKind.APPROVE);
  private static final String REGISTRY = "registry.example.com/acme/";
  private static final Pattern POD = Pattern.compile("pod ([a-z0-9][a-z0-9.-]*[a-z0-9])");

  @TempDir static Path folder;

  private static E2eWorld e2e;

  @BeforeAll
  static void start() throws Exception {
    // One replica each: every rollout waits out one pod's readiness instead of several.
    e2e = E2eWorld.on(E2eConfig.YAML).replicas(1).start(folder);
  }

  @AfterAll
  static void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @DisplayName(
      "an image that cannot be pulled: the deploy rolls back, the image is restored and the thread"
          + " names the pod and the reason")
  void imagePullRollsBack() {
    BotResponse ack =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1-imagepull staging");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack));

    String thread = e2e.awaitOutcome(card, "rolled back");

    assertThat(e2e.image("dev", "staging", "web")).isEqualTo(REGISTRY + "web:v1.0");
    assertThat(thread).containsPattern("ImagePullBackOff|ErrImagePull");
    String pod = podNamedIn(thread);
    assertThat(pod).startsWith("web-");
    assertThat(eventsAbout("dev", "staging", pod))
        .as("the kubelet's events about the pod the thread names")
        .anySatisfy(event -> assertThat(event.getMessage()).contains("web:v1.1-imagepull"));
    awaitCardSays(card, "rolled back");
  }

  @Test
  @DisplayName(
      "a prod deploy that fails is rolled back; the failure calls on its requester and is"
          + " broadcast to the channel, the outcome calls on the requester in the thread")
  void prodFailureIsBroadcast() {
    BotResponse ack = e2e.command(PROD_CHANNEL, SRE, "/deploy", "search v1.1-imagepull prod");
    SlackMessage card = e2e.card(PROD_CHANNEL, E2eWorld.runId(ack));
    Await.until(
        "an Approve button on the card",
        () ->
            e2e.world()
                .slack()
                .message(PROD_CHANNEL, card.ts())
                .filter(m -> SlackCards.hasButton(m, APPROVE))
                .isPresent());
    e2e.click(OTHER_SRE, card, APPROVE);

    e2e.awaitOutcome(card, "rolled back");
    Await.until(
        "the outcome note in the thread", () -> e2e.threadText(card).contains("rolled back in"));

    List<SlackCall> broadcasts =
        e2e.slack()
            .answered(
                "chat.postMessage",
                call ->
                    card.ts().equals(call.param("thread_ts"))
                        // The Java SDK sends booleans as 1 and 0; Slack takes both forms.
                        && List.of("1", "true").contains(call.param("reply_broadcast")));
    assertThat(broadcasts)
        .as(
            "the broadcast among the thread's posts %s",
            e2e
                .slack()
                .answered("chat.postMessage", call -> card.ts().equals(call.param("thread_ts")))
                .stream()
                .map(SlackCall::params)
                .toList())
        .singleElement()
        .satisfies(
            call ->
                assertThat(call.param("text"))
                    .startsWith("<@" + SRE + ">")
                    .contains("failed at step"));
    assertThat(e2e.replies(card))
        .anySatisfy(
            m -> assertThat(m.text()).startsWith("<@" + SRE + ">").contains("rolled back in"));
  }

  @Test
  @DisplayName("a rollout that passes its progress deadline is rolled back, and the thread says so")
  void progressDeadlineRollsBack() {
    // Given api's Deployment allows 5 s without progress (its own manifest's setting)
    e2e.cluster("dev")
        .apps()
        .deployments()
        .inNamespace("staging")
        .withName("api")
        .edit(d -> withProgressDeadline(d, 5));
    Await.until("the Deployment controller to take up the new deadline", () -> observed("api"));

    // When a version whose pods never become ready is deployed
    BotResponse ack =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "api v1.1-unready staging");
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack));

    // Then Kubernetes gives up on it and Shipmate rolls it back
    String thread = e2e.awaitOutcome(card, "rolled back");
    assertThat(thread).contains("ProgressDeadlineExceeded");
    assertThat(e2e.image("dev", "staging", "api")).isEqualTo(REGISTRY + "api:v1.0");
    awaitCardSays(card, "rolled back");
  }

  @Test
  @DisplayName(
      "prod needs an approval: the requester's own Approve is refused, another approver's"
          + " starts the deploy, which then succeeds")
  void approvalPath() {
    BotResponse ack = e2e.command(PROD_CHANNEL, SRE, "/deploy", "billing v1.1 prod");
    assertThat(ack.body()).contains("waits for 1 approval");
    SlackMessage card = e2e.card(PROD_CHANNEL, E2eWorld.runId(ack));
    Await.until(
        "an Approve button on the card",
        () ->
            e2e.world()
                .slack()
                .message(PROD_CHANNEL, card.ts())
                .filter(m -> SlackCards.hasButton(m, APPROVE))
                .isPresent());

    // The approvers are called on in the card's thread: the other SRE, not the requester
    Await.until(
        "an approval request in the thread",
        () -> e2e.threadText(card).contains("waits for 1 approval"));
    SlackMessage request =
        e2e.replies(card).stream()
            .filter(m -> m.text().contains("waits for 1 approval"))
            .findFirst()
            .orElseThrow();
    assertThat(request.text()).startsWith("<@" + OTHER_SRE + ">").doesNotContain("<@" + SRE + ">");

    // The requester approving their own deploy is told no, and nothing moves
    int ephemeralsBefore = e2e.ephemeralsTo(SRE).size();
    e2e.click(SRE, card, APPROVE);
    Await.until(
        "an answer to the requester's own approval",
        () -> e2e.ephemeralsTo(SRE).size() > ephemeralsBefore);
    List<SlackEphemeral> toRequester = e2e.ephemeralsTo(SRE);
    assertThat(toRequester.get(toRequester.size() - 1).text()).containsIgnoringCase("approve");
    assertThat(e2e.image("prod-eu", "prod", "billing")).isEqualTo(REGISTRY + "billing:v1.0");

    // Another approver's click lets it run to the end
    e2e.click(OTHER_SRE, card, APPROVE);
    e2e.awaitOutcome(card, "succeeded");
    assertThat(e2e.image("prod-eu", "prod", "billing")).isEqualTo(REGISTRY + "billing:v1.1");
    assertThat(e2e.ephemeralsTo(OTHER_SRE)).isEmpty();
  }

  @Test
  @DisplayName("a deploy the user may not make is refused with the rule, and nothing changes")
  void permissionRefused() {
    int prodCards = e2e.world().slack().topLevel(PROD_CHANNEL).size();

    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 prod");

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.body()).contains("Nothing was started").contains("group:sre");
    assertThat(e2e.world().slack().topLevel(PROD_CHANNEL)).hasSize(prodCards);
    assertThat(e2e.image("prod-eu", "prod", "web")).isEqualTo(REGISTRY + "web:v1.0");
  }

  @Test
  @DisplayName(
      "a second deploy of the same service and environment is told which run holds it and who"
          + " started it; cancelling the first puts the old image back")
  void lockContention() {
    // A rollout that never finishes by itself: its pods never become ready
    BotResponse first =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "search v1.1-unready staging");
    String holder = E2eWorld.runId(first);
    SlackMessage card = e2e.card(DEPLOYS_CHANNEL, holder);
    Await.until(
        "the first deploy to set its image",
        () -> e2e.image("dev", "staging", "search").endsWith(":v1.1-unready"));

    BotResponse second = e2e.command(DEPLOYS_CHANNEL, SRE, "/deploy", "search v1.2 staging");

    assertThat(second.body())
        .contains("Nothing was started")
        .contains("deploy:staging/search")
        .contains(holder)
        .contains(BACKEND_DEVELOPER)
        .contains("/cancel " + holder);
    assertThat(e2e.image("dev", "staging", "search")).endsWith(":v1.1-unready");

    // Cleaning up the way the answer suggests
    BotResponse cancel = e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/cancel", holder);
    assertThat(cancel.status()).isEqualTo(200);
    e2e.awaitOutcome(card, "cancelled");
    Await.until(
        "search back at v1.0",
        () -> e2e.image("dev", "staging", "search").equals(REGISTRY + "search:v1.0"));
  }

  @Test
  @DisplayName(
      "/rollback goes back one revision, and /rollback … to v1.0 to a named version, each"
          + " watched to `succeeded`")
  void rollback() {
    deploySucceeds("shop v1.1 staging");
    deploySucceeds("shop v1.2 staging");

    BotResponse back = e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/rollback", "shop staging");
    assertThat(back.body()).contains("Started r-");
    e2e.awaitOutcome(e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(back)), "succeeded");
    assertThat(e2e.image("dev", "staging", "shop")).isEqualTo(REGISTRY + "shop:v1.1");

    BotResponse named =
        e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/rollback", "shop staging to v1.0");
    assertThat(named.body()).contains("Started r-").contains("to v1.0");
    e2e.awaitOutcome(e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(named)), "succeeded");
    assertThat(e2e.image("dev", "staging", "shop")).isEqualTo(REGISTRY + "shop:v1.0");
    assertThat(
            e2e.deployment("dev", "staging", "shop")
                .getMetadata()
                .getAnnotations()
                .get("kubernetes.io/change-cause"))
        .contains(E2eWorld.runId(named));
  }

  private static void deploySucceeds(String arguments) {
    BotResponse ack = e2e.command(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", arguments);
    e2e.awaitOutcome(e2e.card(DEPLOYS_CHANNEL, E2eWorld.runId(ack)), "succeeded");
  }

  private static void awaitCardSays(SlackMessage card, String words) {
    Await.until(
        "the card to say " + words,
        () -> e2e.cardText(card).toLowerCase(Locale.ROOT).contains(words));
  }

  private static Deployment withProgressDeadline(Deployment deployment, int seconds) {
    deployment.getSpec().setProgressDeadlineSeconds(seconds);
    return deployment;
  }

  private static boolean observed(String name) {
    Deployment deployment = e2e.deployment("dev", "staging", name);
    return deployment.getStatus() != null
        && deployment.getStatus().getObservedGeneration() != null
        && deployment.getStatus().getObservedGeneration()
            >= deployment.getMetadata().getGeneration();
  }

  private static String podNamedIn(String thread) {
    Matcher matcher = POD.matcher(thread);
    assertThat(matcher.find()).as("the thread names a pod: %s", thread).isTrue();
    return matcher.group(1);
  }

  private static List<Event> eventsAbout(String cluster, String namespace, String pod) {
    return e2e.cluster(cluster).v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> pod.equals(event.getInvolvedObject().getName()))
        .toList();
  }
}
