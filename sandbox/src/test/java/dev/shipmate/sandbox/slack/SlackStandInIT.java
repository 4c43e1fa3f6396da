package dev.shipmate.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.view.Views;
import dev.shipmate.sandbox.SimulationClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackStandInIT {

  private final SimulationClock clock =
      SimulationClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
  private SimulatedSlack slack;
  private Slack sdk;
  private MethodsClient methods;

  @BeforeEach
  void start() {
    slack = SimulatedSlack.start(clock);
    slack.addBotTo("C0DEPLOYS");
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl().toString());
    sdk = Slack.getInstance(config);
    methods = sdk.methods(slack.botToken());
  }

  @AfterEach
  void stop() throws Exception {
    sdk.close();
    slack.close();
  }

  private static com.slack.api.model.view.View modal(String title, String submit) {
    return com.slack.api.model.view.View.builder()
        .type("modal")
        .callbackId("shipmate.confirm")
        .title(com.slack.api.model.view.ViewTitle.builder().type("plain_text").text(title).build())
        .submit(
            com.slack.api.model.view.ViewSubmit.builder().type("plain_text").text(submit).build())
        .blocks(
            java.util.List.of(
                com.slack.api.model.block.Blocks.section(
                    s ->
                        s.text(
                            com.slack.api.model.block.composition.BlockCompositions.markdownText(
                                "*Deploy web v1.2 to prod?*")))))
        .build();
  }

  @Test
  @DisplayName(
      "views.open: a trigger id opens one modal for its user, then exchanged_trigger_id; an"
          + " unknown one invalid_trigger_id; views.update needs the view open and its hash")
  void viewsOpenOnce() throws Exception {
    String trigger = slack.issueTrigger("U01SRE1");

    var opened = methods.viewsOpen(r -> r.triggerId(trigger).view(modal("Confirm", "Deploy")));
    assertThat(opened.isOk()).as(opened.getError()).isTrue();
    assertThat(slack.openView("U01SRE1"))
        .hasValueSatisfying(view -> assertThat(view.text()).contains("Deploy web v1.2 to prod?"));
    assertThat(
            methods
                .viewsOpen(r -> r.triggerId(trigger).view(modal("Confirm", "Deploy")))
                .getError())
        .isEqualTo("exchanged_trigger_id");
    assertThat(
            methods
                .viewsOpen(r -> r.triggerId("1.T0SANDBOX.nope").view(modal("C", "D")))
                .getError())
        .isEqualTo("invalid_trigger_id");

    String id = opened.getView().getId();
    assertThat(
            methods.viewsUpdate(r -> r.viewId(id).hash("stale").view(modal("C", "D"))).getError())
        .isEqualTo("hash_conflict");
    var updated =
        methods.viewsUpdate(
            r -> r.viewId(id).hash(opened.getView().getHash()).view(modal("Confirm", "Roll back")));
    assertThat(updated.isOk()).isTrue();
    assertThat(slack.view(id).orElseThrow().view().path("submit").path("text").asText())
        .isEqualTo("Roll back");
    assertThat(methods.viewsUpdate(r -> r.viewId("V0NONE").view(modal("C", "D"))).getError())
        .isEqualTo("not_found");
  }

  @Test
  @DisplayName(
      "views.open after the trigger's 3 s: expired_trigger_id; a title over 24 characters or a"
          + " view that is not a modal: invalid_arguments")
  void viewsOpenRefusals() throws Exception {
    String late = slack.issueTrigger("U01SRE1");
    slack.setTriggerLifetime(java.time.Duration.ZERO);
    assertThat(
            methods.viewsOpen(r -> r.triggerId(late).view(modal("Confirm", "Deploy"))).getError())
        .isEqualTo("expired_trigger_id");
    slack.setTriggerLifetime(SimulatedSlack.TRIGGER_LIFETIME);

    String trigger = slack.issueTrigger("U01SRE1");
    assertThat(
            methods
                .viewsOpen(
                    r -> r.triggerId(trigger).view(modal("A title far longer than allowed", "Go")))
                .getError())
        .isEqualTo("invalid_arguments");
    assertThat(slack.views()).isEmpty();
  }

  @Test
  @DisplayName(
      "chat.getPermalink: a link to a message there; message_not_found, and channel_not_found for"
          + " a private channel the bot is not in")
  void permalink() throws Exception {
    ChatPostMessageResponse card =
        methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("Deploy web v1.2 to prod"));

    var link = methods.chatGetPermalink(r -> r.channel("C0DEPLOYS").messageTs(card.getTs()));
    assertThat(link.isOk()).isTrue();
    assertThat(link.getPermalink())
        .isEqualTo(
            "https://sandbox.slack.com/archives/C0DEPLOYS/p" + card.getTs().replace(".", ""));
    assertThat(
            methods.chatGetPermalink(r -> r.channel("C0DEPLOYS").messageTs("1.000009")).getError())
        .isEqualTo("message_not_found");
    assertThat(
            methods.chatGetPermalink(r -> r.channel("G0SECRET").messageTs(card.getTs())).getError())
        .isEqualTo("channel_not_found");
  }

  @Test
  @DisplayName("auth.test answers the bot's identity, as Bolt asks when it starts")
  void authTest() throws Exception {
    var response = methods.authTest(r -> r);
    assertThat(response.isOk()).isTrue();
    assertThat(response.getUserId()).isEqualTo(SimulatedSlack.BOT_USER_ID);
    assertThat(response.getBotId()).isEqualTo(SimulatedSlack.BOT_ID);
    assertThat(response.getTeamId()).isEqualTo(SimulatedSlack.TEAM_ID);
  }

  @Test
  @DisplayName("channels() lists the seeded channels, then those first posted to, in that order")
  void channels() throws Exception {
    slack.addChannel("C0PROD");
    assertThat(methods.chatPostMessage(r -> r.channel("C0DRIFT").text("drift report")).isOk())
        .isTrue();

    assertThat(slack.channels()).containsExactly("C0DEPLOYS", "C0PROD", "C0DRIFT");
  }

  @Test
  @DisplayName(
      "a run card is posted, updated, and replied to in its thread; listeners see each step")
  void postUpdateAndReply() throws Exception {
    List<SlackActivity> seen = new CopyOnWriteArrayList<>();
    slack.addListener(seen::add);

    ChatPostMessageResponse card =
        methods.chatPostMessage(
            r ->
                r.channel("C0DEPLOYS")
                    .text("deploy web v1.2 to prod: running")
                    .blocks(
                        Blocks.asBlocks(
                            Blocks.section(
                                s -> s.text(BlockCompositions.markdownText("*deploy* running"))))));
    assertThat(card.isOk()).isTrue();
    assertThat(card.getChannel()).isEqualTo("C0DEPLOYS");
    assertThat(card.getMessage().getText()).isEqualTo("deploy web v1.2 to prod: running");

    ChatUpdateResponse updated =
        methods.chatUpdate(
            r ->
                r.channel("C0DEPLOYS").ts(card.getTs()).text("deploy web v1.2 to prod: succeeded"));
    assertThat(updated.isOk()).isTrue();
    assertThat(updated.getTs()).isEqualTo(card.getTs());

    ChatPostMessageResponse reply =
        methods.chatPostMessage(
            r -> r.channel("C0DEPLOYS").threadTs(card.getTs()).text("rolled out 3/3"));
    assertThat(reply.isOk()).isTrue();
    assertThat(reply.getMessage().getThreadTs()).isEqualTo(card.getTs());
    assertThat(Double.parseDouble(reply.getTs())).isGreaterThan(Double.parseDouble(card.getTs()));

    assertThat(slack.topLevel("C0DEPLOYS"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.text()).isEqualTo("deploy web v1.2 to prod: succeeded");
              assertThat(m.edits()).isEqualTo(1);
              assertThat(m.blocks().get(0).path("text").path("text").asText())
                  .isEqualTo("*deploy* running");
            });
    assertThat(slack.thread("C0DEPLOYS", card.getTs()))
        .extracting(SlackMessage::text)
        .containsExactly("deploy web v1.2 to prod: succeeded", "rolled out 3/3");
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isInstanceOf(SlackActivity.MessagePosted.class);
    assertThat(seen.get(1)).isInstanceOf(SlackActivity.MessageUpdated.class);
    assertThat(seen.get(2)).isInstanceOf(SlackActivity.MessagePosted.class);
  }

  @Test
  @DisplayName(
      "a wrong token gets invalid_auth, an unknown message message_not_found, and nothing is stored")
  void errors() throws Exception {
    var wrong = sdk.methods("xoxb-wrong").chatPostMessage(r -> r.channel("C0DEPLOYS").text("hi"));
    assertThat(wrong.isOk()).isFalse();
    assertThat(wrong.getError()).isEqualTo("invalid_auth");
    var missing = methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts("1.000001").text("x"));
    assertThat(missing.getError()).isEqualTo("message_not_found");
    var noText = methods.chatPostMessage(r -> r.channel("C0DEPLOYS"));
    assertThat(noText.getError()).isEqualTo("no_text");
    assertThat(slack.messages("C0DEPLOYS")).isEmpty();
  }

  @Test
  @DisplayName(
      "the next calls rate-limited answer 429 with Retry-After, then 500, then the call goes through")
  void faults() throws Exception {
    slack.setRetryAfter(java.time.Duration.ofSeconds(7));
    slack.failNext("chat.postMessage", 1, SlackFault.RATE_LIMITED);
    slack.failNext("chat.postMessage", 1, SlackFault.INTERNAL_ERROR);

    assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("one")))
        .isInstanceOfSatisfying(
            SlackApiException.class,
            e -> {
              assertThat(e.getResponse().code()).isEqualTo(429);
              assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
              assertThat(e.getError().getError()).isEqualTo("ratelimited");
            });
    assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("one")))
        .isInstanceOfSatisfying(
            SlackApiException.class, e -> assertThat(e.getResponse().code()).isEqualTo(500));
    assertThat(methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("one")).isOk()).isTrue();
    assertThat(slack.calls("chat.postMessage"))
        .extracting(SlackCall::status)
        .containsExactly(429, 500, 200);
    assertThat(slack.messages("C0DEPLOYS")).hasSize(1);
  }

  @Test
  @DisplayName(
      "every call is kept as it arrived, with its arguments, HTTP status and error; refuseNext"
          + " answers ok:false with the error asked for")
  void callLogAndRefusals() throws Exception {
    slack.refuseNext("chat.postMessage", "not_in_channel");

    var refused = methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("first"));
    var posted = methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("second"));
    var wrongToken =
        sdk.methods("xoxb-wrong").chatPostMessage(r -> r.channel("C0DEPLOYS").text("x"));

    assertThat(refused.getError()).isEqualTo("not_in_channel");
    assertThat(posted.isOk()).isTrue();
    assertThat(wrongToken.getError()).isEqualTo("invalid_auth");
    assertThat(slack.calls("chat.postMessage"))
        .extracting(SlackCall::error)
        .containsExactly("not_in_channel", null, "invalid_auth");
    assertThat(slack.calls()).extracting(SlackCall::status).containsOnly(200);
    assertThat(slack.answered("chat.postMessage"))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.param("channel")).isEqualTo("C0DEPLOYS");
              assertThat(call.param("text")).isEqualTo("second");
              assertThat(call.bodyLength()).isPositive();
            });
    assertThat(slack.messages("C0DEPLOYS"))
        .extracting(SlackMessage::text)
        .containsExactly("second");
  }

  @Test
  @DisplayName(
      "a message seeded as posted earlier (by another replica) can be updated, with no call of its"
          + " own")
  void messagePostedEarlier() throws Exception {
    SlackMessage earlier = slack.addMessage("C0DEPLOYS", "posted by the other replica");

    var updated = methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(earlier.ts()).text("redrawn"));

    assertThat(updated.isOk()).isTrue();
    assertThat(slack.message("C0DEPLOYS", earlier.ts()).orElseThrow().text()).isEqualTo("redrawn");
    assertThat(slack.calls()).extracting(SlackCall::method).containsExactly("chat.update");
  }

  @Test
  @DisplayName(
      "blocks Slack would refuse are refused with invalid_blocks and Slack's pointer: more than 50,"
          + " an unknown type, section text over 3,000 characters, an empty text, a long button"
          + " value")
  void blockKitLimits() throws Exception {
    String section = "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"%s\"}}";
    String button =
        "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"run.pause\","
            + "\"text\":{\"type\":\"plain_text\",\"text\":\"Pause\"},\"value\":\"%s\"}]}";
    String fifty =
        "[" + String.join(",", java.util.Collections.nCopies(50, section.formatted("x"))) + "]";
    String fiftyOne =
        "[" + String.join(",", java.util.Collections.nCopies(51, section.formatted("x"))) + "]";

    assertThat(post(fifty).isOk()).isTrue();
    assertThat(refusal(fiftyOne))
        .isEqualTo("[ERROR] no more than 50 items allowed [json-pointer:/blocks]");
    assertThat(refusal("[{\"type\":\"sektion\"}]"))
        .isEqualTo("[ERROR] unsupported type: 'sektion' [json-pointer:/blocks/0/type]");
    assertThat(refusal("[" + section.formatted("y".repeat(3001)) + "]"))
        .isEqualTo("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
    assertThat(refusal("[" + section.formatted("") + "]"))
        .isEqualTo("[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]");
    assertThat(refusal("[" + button.formatted("v".repeat(2001)) + "]"))
        .isEqualTo(
            "[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]");
    assertThat(refusal("{\"type\":\"divider\"}"))
        .isEqualTo("[ERROR] must be an array [json-pointer:/blocks]");
    assertThat(slack.messages("C0DEPLOYS")).hasSize(1);
  }

  private ChatPostMessageResponse post(String blocks) throws Exception {
    return methods.chatPostMessage(
        com.slack.api.methods.request.chat.ChatPostMessageRequest.builder()
            .channel("C0DEPLOYS")
            .text("fallback")
            .blocksAsString(blocks)
            .build());
  }

  /** The message Slack gives for refusing {@code blocks}. */
  private String refusal(String blocks) throws Exception {
    ChatPostMessageResponse response = post(blocks);
    assertThat(response.getError()).isEqualTo("invalid_blocks");
    return response.getResponseMetadata().getMessages().get(0);
  }

  @Test
  @DisplayName(
      "a file goes up through getUploadURLExternal, the upload URL and completeUploadExternal, into the thread")
  void fileUpload() throws Exception {
    ChatPostMessageResponse card =
        methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("drift report"));
    FilesUploadV2Response upload =
        methods.filesUploadV2(
            r ->
                r.channel("C0DEPLOYS")
                    .threadTs(card.getTs())
                    .filename("drift.txt")
                    .title("Drift")
                    .content("2 objects drifted")
                    .initialComment("the report"));

    assertThat(upload.isOk()).isTrue();
    String fileId = upload.getFile().getId();
    assertThat(slack.file(fileId))
        .hasValueSatisfying(
            f -> {
              assertThat(new String(f.content(), StandardCharsets.UTF_8))
                  .isEqualTo("2 objects drifted");
              assertThat(f.title()).isEqualTo("Drift");
            });
    assertThat(slack.thread("C0DEPLOYS", card.getTs()))
        .last()
        .satisfies(
            m -> {
              assertThat(m.fileIds()).containsExactly(fileId);
              assertThat(m.text()).isEqualTo("the report");
            });
  }

  @Test
  @DisplayName("ephemeral answers, home tabs, user groups and users are served and kept")
  void otherMethods() throws Exception {
    slack.addUsergroup("S0SRE", List.of("U01SRE1", "U01SRE2"));
    slack.addUser(new SimulatedSlack.User("U01SRE1", "ana", "Ana Sre", "Europe/Dublin"));

    var ephemeral =
        methods.chatPostEphemeral(
            r -> r.channel("C0DEPLOYS").user("U01SRE1").text("no such service 'wbe'"));
    assertThat(ephemeral.isOk()).isTrue();
    assertThat(slack.ephemerals())
        .singleElement()
        .satisfies(e -> assertThat(e.text()).contains("wbe"));
    assertThat(slack.messages("C0DEPLOYS")).isEmpty();

    var home =
        methods.viewsPublish(
            r ->
                r.userId("U01SRE1")
                    .view(
                        Views.view(
                            v ->
                                v.type("home")
                                    .blocks(
                                        Blocks.asBlocks(
                                            Blocks.section(
                                                s ->
                                                    s.text(
                                                        BlockCompositions.plainText("Runs"))))))));
    assertThat(home.isOk()).isTrue();
    assertThat(slack.home("U01SRE1"))
        .hasValueSatisfying(v -> assertThat(v.path("type").asText()).isEqualTo("home"));

    assertThat(methods.usergroupsUsersList(r -> r.usergroup("S0SRE")).getUsers())
        .containsExactly("U01SRE1", "U01SRE2");
    assertThat(methods.usergroupsUsersList(r -> r.usergroup("S0NOPE")).getError())
        .isEqualTo("no_such_subteam");
    assertThat(methods.usersInfo(r -> r.user("U01SRE1")).getUser().getRealName())
        .isEqualTo("Ana Sre");
    assertThat(methods.usersInfo(r -> r.user("U0NOPE")).getError()).isEqualTo("user_not_found");
  }

  @Test
  @DisplayName(
      "a bot that is not a member may post top-level to a public channel (chat:write.public), but"
          + " not ephemerals, thread replies or files there (not_in_channel) nor anything in a"
          + " private channel (channel_not_found); conversations.join makes it a member")
  void membership() throws Exception {
    slack.addChannel("C0ELSEWHERE");
    slack.addChannel("G0PRIVATE");

    var card = methods.chatPostMessage(r -> r.channel("C0ELSEWHERE").text("card"));
    assertThat(card.isOk()).isTrue();
    assertThat(
            methods
                .chatPostMessage(r -> r.channel("C0ELSEWHERE").threadTs(card.getTs()).text("note"))
                .getError())
        .isEqualTo("not_in_channel");
    assertThat(
            methods
                .chatPostEphemeral(r -> r.channel("C0ELSEWHERE").user("U1").text("psst"))
                .getError())
        .isEqualTo("not_in_channel");
    assertThat(methods.chatPostMessage(r -> r.channel("G0PRIVATE").text("card")).getError())
        .isEqualTo("channel_not_found");
    assertThat(
            methods.chatPostEphemeral(r -> r.channel("G0PRIVATE").user("U1").text("x")).getError())
        .isEqualTo("channel_not_found");
    assertThat(methods.conversationsJoin(r -> r.channel("G0PRIVATE")).getError())
        .isEqualTo("channel_not_found");
    assertThat(slack.ephemerals()).isEmpty();

    var joined = methods.conversationsJoin(r -> r.channel("C0ELSEWHERE"));
    assertThat(joined.isOk()).isTrue();
    assertThat(slack.botIsMember("C0ELSEWHERE")).isTrue();
    assertThat(
            methods
                .chatPostMessage(r -> r.channel("C0ELSEWHERE").threadTs(card.getTs()).text("note"))
                .isOk())
        .isTrue();
    assertThat(methods.chatPostEphemeral(r -> r.channel("C0ELSEWHERE").user("U1").text("x")).isOk())
        .isTrue();
  }

  @Test
  @DisplayName(
      "a response_url reaches its user in any conversation, five times within 30 minutes, then is"
          + " refused with 404 (used_url, expired_url)")
  void responseUrl() throws Exception {
    slack.addChannel("G0PRIVATE");
    java.net.URI url = slack.responseUrl("G0PRIVATE", "U1", null);
    for (int i = 1; i <= 5; i++) {
      assertThat(postJson(url, "{\"response_type\":\"ephemeral\",\"text\":\"answer " + i + "\"}"))
          .isEqualTo(200);
    }
    assertThat(postJson(url, "{\"text\":\"sixth\"}")).isEqualTo(404);
    assertThat(slack.ephemerals())
        .extracting(SlackEphemeral::channel, SlackEphemeral::user, SlackEphemeral::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("G0PRIVATE", "U1", "answer 1"),
            org.assertj.core.groups.Tuple.tuple("G0PRIVATE", "U1", "answer 2"),
            org.assertj.core.groups.Tuple.tuple("G0PRIVATE", "U1", "answer 3"),
            org.assertj.core.groups.Tuple.tuple("G0PRIVATE", "U1", "answer 4"),
            org.assertj.core.groups.Tuple.tuple("G0PRIVATE", "U1", "answer 5"));

    java.net.URI late = slack.responseUrl("G0PRIVATE", "U1", null);
    clock.advance(java.time.Duration.ofMinutes(31));
    assertThat(postJson(late, "{\"text\":\"too late\"}")).isEqualTo(404);
    assertThat(slack.calls("response_url"))
        .extracting(SlackCall::error)
        .containsExactly(null, null, null, null, null, "used_url", "expired_url");
    assertThat(slack.ephemerals()).hasSize(5);
  }

  @Test
  @DisplayName(
      "rate tiers are off by default; switched on, a call beyond its method's budget in the last"
          + " minute answers 429 with Retry-After until the minute has passed")
  void rateTiers() throws Exception {
    var card = methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("card"));
    for (int i = 0; i < 60; i++) {
      assertThat(methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(card.getTs()).text("x")).isOk())
          .isTrue();
    }

    slack.rateLimit("chat.update", 3);
    for (int i = 0; i < 3; i++) {
      clock.advance(java.time.Duration.ofSeconds(10));
      assertThat(methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(card.getTs()).text("y")).isOk())
          .isTrue();
    }
    assertThatThrownBy(
            () -> methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(card.getTs()).text("z")))
        .isInstanceOfSatisfying(
            SlackApiException.class,
            e -> {
              assertThat(e.getResponse().code()).isEqualTo(429);
              // The first of the three, 20 s ago, leaves the minute 40 s from now.
              assertThat(e.getResponse().header("Retry-After")).isEqualTo("40");
            });
    clock.advance(java.time.Duration.ofSeconds(40));
    assertThat(methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(card.getTs()).text("z")).isOk())
        .isTrue();
    assertThat(slack.message("C0DEPLOYS", card.getTs()).orElseThrow().text()).isEqualTo("z");
  }

  @Test
  @DisplayName(
      "a shortened minute keeps each tier's number of calls; every call records when it arrived")
  void shortenedMinute() throws Exception {
    var card = methods.chatPostMessage(r -> r.channel("C0DEPLOYS").text("card"));
    slack.rateWindow(java.time.Duration.ofSeconds(6));
    slack.rateLimit("chat.update", 2);
    java.time.Instant first = clock.instant();
    for (int i = 0; i < 2; i++) {
      assertThat(methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(card.getTs()).text("y")).isOk())
          .isTrue();
      clock.advance(java.time.Duration.ofSeconds(1));
    }
    assertThatThrownBy(
            () -> methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(card.getTs()).text("z")))
        .isInstanceOfSatisfying(
            SlackApiException.class,
            e -> assertThat(e.getResponse().header("Retry-After")).isEqualTo("4"));
    clock.advance(java.time.Duration.ofSeconds(4));
    assertThat(methods.chatUpdate(r -> r.channel("C0DEPLOYS").ts(card.getTs()).text("z")).isOk())
        .isTrue();

    var updates = slack.calls("chat.update");
    assertThat(updates)
        .extracting(SlackCall::rateLimited)
        .containsExactly(false, false, true, false);
    assertThat(updates)
        .extracting(SlackCall::at)
        .containsExactly(first, first.plusSeconds(1), first.plusSeconds(2), first.plusSeconds(6));
  }

  private static int postJson(java.net.URI url, String json) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
