package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a Slack client does to the bot: slash commands and button clicks, sent to the bot's URL
 * exactly as Slack sends them — form-encoded, signed with the signing secret ({@code
 * X-Slack-Signature: v0=HMAC-SHA256("v0:" + timestamp + ":" + body)}, {@code
 * X-Slack-Request-Timestamp}), optionally marked as a retry ({@code X-Slack-Retry-Num}).
 *
 * <p>The timestamp comes from the clock given, which must be near the bot's own time: Bolt refuses
 * a request more than five minutes old, so this is normally the system clock, not a simulated one.
 */
public final class SlackClientSimulator {

  /** What the bot answered. */
  public record BotResponse(int status, String body, Map<String, String> headers) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI botUrl;
  private final String signingSecret;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong triggers = new AtomicLong();
  private final SimulatedSlack workspace;
  private final boolean socketMode;

  /**
   * A client of the workspace {@code workspace}: every command and click carries a {@code
   * response_url} that workspace serves, signed with its signing secret.
   *
   * @param botUrl where the bot takes Slack's requests, e.g. {@code
   *     http://127.0.0.1:3000/slack/events}
   */
  public SlackClientSimulator(URI botUrl, SimulatedSlack workspace, Clock clock) {
    this(botUrl, workspace.signingSecret(), clock, workspace, false);
  }

  private SlackClientSimulator(
      URI botUrl, String signingSecret, Clock clock, SimulatedSlack workspace, boolean socketMode) {
    this.botUrl = botUrl;
    this.signingSecret = signingSecret;
    this.clock = clock;
    this.workspace = workspace;
    this.socketMode = socketMode;
  }

  /**
   * A client of {@code workspace} whose commands and clicks reach a bot connected over Socket Mode:
   * as envelopes on its WebSockets ({@link SimulatedSlack#socketMode()}), not as HTTP requests.
   * What the bot acknowledged them with is the response's body.
   */
  public static SlackClientSimulator overSocketMode(SimulatedSlack workspace, Clock clock) {
    return new SlackClientSimulator(null, workspace.signingSecret(), clock, workspace, true);
  }

  public SlackClientSimulator(URI botUrl, SimulatedSlack workspace) {
    this(botUrl, workspace, Clock.systemUTC());
  }

  /**
   * A client of a workspace this JVM does not serve (a bot configured elsewhere): its {@code
   * response_url}s point at {@code hooks.slack.com} and lead nowhere.
   *
   * @param botUrl where the bot takes Slack's requests, e.g. {@code
   *     http://127.0.0.1:3000/slack/events}
   */
  public SlackClientSimulator(URI botUrl, String signingSecret, Clock clock) {
    this(botUrl, signingSecret, clock, null, false);
  }

  public SlackClientSimulator(URI botUrl, String signingSecret) {
    this(botUrl, signingSecret, Clock.systemUTC());
  }

  /** {@code /deploy web v1.2 prod} typed by {@code user} in {@code channel}. */
  public BotResponse slashCommand(String channel, String user, String command, String text) {
    if (socketMode) {
      ObjectNode payload = JSON.createObjectNode();
      slashCommandFields(channel, user, command, text).forEach(payload::put);
      return overSocket("slash_commands", payload);
    }
    return send(slashCommandBody(channel, user, command, text), null);
  }

  /** The body Slack posts for a slash command. */
  public String slashCommandBody(String channel, String user, String command, String text) {
    return encode(slashCommandFields(channel, user, command, text));
  }

  /** A slash command's fields: form-encoded over HTTP, a JSON object over Socket Mode. */
  private Map<String, String> slashCommandFields(
      String channel, String user, String command, String text) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "sandbox-verification-token");
    form.put("team_id", SimulatedSlack.TEAM_ID);
    form.put("team_domain", "sandbox");
    form.put("channel_id", channel);
    form.put("channel_name", channel.toLowerCase());
    form.put("user_id", user);
    form.put("user_name", user.toLowerCase());
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", SimulatedSlack.APP_ID);
    form.put("is_enterprise_install", "false");
    form.put("response_url", responseUrl("commands", channel, user, null));
    form.put("trigger_id", triggerId(user));
    return form;
  }

  /** A click on a button ({@code actionId}, {@code value}) of the message {@code messageTs}. */
  public BotResponse blockAction(
      String channel, String user, String messageTs, String actionId, String value) {
    return sendPayload(blockActionPayload(channel, user, messageTs, actionId, value));
  }

  /** The body Slack posts for a button click: {@code payload=<JSON>}. */
  public String blockActionBody(
      String channel, String user, String messageTs, String actionId, String value) {
    return encode(
        Map.of(
            "payload", blockActionPayload(channel, user, messageTs, actionId, value).toString()));
  }

  private ObjectNode blockActionPayload(
      String channel, String user, String messageTs, String actionId, String value) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload
        .putObject("user")
        .put("id", user)
        .put("username", user.toLowerCase())
        .put("name", user.toLowerCase())
        .put("team_id", SimulatedSlack.TEAM_ID);
    payload.put("api_app_id", SimulatedSlack.APP_ID);
    payload.put("token", "sandbox-verification-token");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", messageTs)
        .put("channel_id", channel)
        .put("is_ephemeral", false);
    payload.put("trigger_id", triggerId(user));
    payload.putObject("team").put("id", SimulatedSlack.TEAM_ID).put("domain", "sandbox");
    payload.put("is_enterprise_install", false);
    payload.putObject("channel").put("id", channel).put("name", channel.toLowerCase());
    payload
        .putObject("message")
        .put("type", "message")
        .put("ts", messageTs)
        .put("user", SimulatedSlack.BOT_USER_ID)
        .put("bot_id", SimulatedSlack.BOT_ID);
    payload.put("response_url", responseUrl("actions", channel, user, messageTs));
    ObjectNode action = payload.putArray("actions").addObject();
    action
        .put("action_id", actionId)
        .put("block_id", "sandbox-block")
        .put("value", value)
        .put("type", "button");
    action.putObject("text").put("type", "plain_text").put("text", actionId);
    action.put("action_ts", String.format("%d.%06d", clock.instant().getEpochSecond(), 1));
    return payload;
  }

  /** An envelope on one of the bot's Socket Mode connections; its acknowledgement, as a body. */
  private BotResponse overSocket(String type, ObjectNode payload) {
    JsonNode ack = workspace.socketMode().deliver(type, payload);
    return new BotResponse(200, ack.toString(), Map.of("Content-Type", "application/json"));
  }

  /**
   * Its user presses Submit on the open modal {@code viewId}: a signed {@code view_submission}
   * carrying the view as the bot last sent it. An empty answer (or {@code response_action: clear})
   * closes the modal, as in Slack; any other leaves it open.
   *
   * @throws IllegalStateException when the workspace has no such modal open
   */
  public BotResponse submitView(String viewId) {
    SlackView view = openModal(viewId);
    BotResponse response = sendPayload(viewPayload("view_submission", view));
    String body = response.body() == null ? "" : response.body().strip();
    if (response.status() == 200 && (body.isEmpty() || body.contains("\"clear\""))) {
      workspace.endView(viewId, SlackView.State.SUBMITTED);
    }
    return response;
  }

  /**
   * Its user presses Cancel (or closes) the open modal {@code viewId}: closed at once, as Slack
   * does, and a signed {@code view_closed} sent when the view asked for it ({@code
   * notify_on_close}); empty when it did not.
   *
   * @throws IllegalStateException when the workspace has no such modal open
   */
  public Optional<BotResponse> closeView(String viewId) {
    SlackView view = openModal(viewId);
    workspace.endView(viewId, SlackView.State.CLOSED);
    if (!view.view().path("notify_on_close").asBoolean(false)) {
      return Optional.empty();
    }
    return Optional.of(sendPayload(viewPayload("view_closed", view)));
  }

  private SlackView openModal(String viewId) {
    if (workspace == null) {
      throw new IllegalStateException("a client of another workspace sees no modals");
    }
    return workspace
        .view(viewId)
        .filter(SlackView::isOpen)
        .orElseThrow(() -> new IllegalStateException("no open modal " + viewId));
  }

  /**
   * An interactive payload, as Slack posts it: {@code payload=<JSON>}, signed; or as an {@code
   * interactive} envelope to a bot on Socket Mode.
   */
  private BotResponse sendPayload(ObjectNode payload) {
    if (socketMode) {
      return overSocket("interactive", payload);
    }
    return send(encode(Map.of("payload", payload.toString())), null);
  }

  /** The payload of a modal's submission or close. */
  private ObjectNode viewPayload(String type, SlackView view) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", type);
    payload.putObject("team").put("id", SimulatedSlack.TEAM_ID).put("domain", "sandbox");
    payload
        .putObject("user")
        .put("id", view.user())
        .put("username", view.user().toLowerCase())
        .put("name", view.user().toLowerCase())
        .put("team_id", SimulatedSlack.TEAM_ID);
    payload.put("api_app_id", SimulatedSlack.APP_ID);
    payload.put("token", "sandbox-verification-token");
    ObjectNode sent = view.asSent();
    sent.put("root_view_id", view.id()).put("clear_on_close", false);
    payload.set("view", sent);
    if (type.equals("view_submission")) {
      payload.put("trigger_id", triggerId(view.user()));
      payload.putArray("response_urls");
    } else {
      payload.put("is_cleared", false);
    }
    payload.put("is_enterprise_install", false);
    return payload;
  }

  /**
   * Posts a form body, signed.
   *
   * @param retryNum Slack's retry count ({@code X-Slack-Retry-Num}, reason {@code http_timeout}),
   *     or null for a first delivery
   */
  public BotResponse send(String body, Integer retryNum) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(botUrl)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", sign(signingSecret, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (retryNum != null) {
      request.header("X-Slack-Retry-Num", retryNum.toString());
      request.header("X-Slack-Retry-Reason", "http_timeout");
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
      return new BotResponse(response.statusCode(), response.body(), headers);
    } catch (IOException e) {
      throw new UncheckedIOException("the bot at " + botUrl + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + botUrl, e);
    }
  }

  /** Slack's v0 signature of a request body. */
  public static String sign(String signingSecret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private String responseUrl(String kind, String channel, String user, String messageTs) {
    return workspace != null
        ? workspace.responseUrl(channel, user, messageTs).toString()
        : "https://hooks.slack.com/" + kind + "/" + SimulatedSlack.TEAM_ID + "/sandbox";
  }

  private String triggerId(String user) {
    return workspace != null
        ? workspace.issueTrigger(user)
        : triggers.incrementAndGet() + "." + SimulatedSlack.TEAM_ID + ".sandbox";
  }

  private static String encode(Map<String, String> form) {
    StringJoiner joined = new StringJoiner("&");
    form.forEach(
        (name, value) ->
            joined.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joined.toString();
  }
}
