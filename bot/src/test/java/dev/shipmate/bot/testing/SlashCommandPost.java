package dev.shipmate.bot.testing;

import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A slash command as Slack posts it: a form body, stamped and signed with the app's signing secret
 * ({@code v0=HMAC-SHA256("v0:" + timestamp + ":" + body)}). Each post has its own {@code
 * trigger_id}, as Slack gives each command; a retry ({@link #retry(int)}) keeps it and adds {@code
 * X-Slack-Retry-Num}.
 */
public record SlashCommandPost(
    String command,
    String text,
    Instant timestamp,
    String userId,
    String channelId,
    String triggerId,
    int retryNum) {

  public static SlashCommandPost of(String command, String text) {
    return new SlashCommandPost(
        command, text, Instant.now(), "U01SRE1", "C0DEPLOYS", newTriggerId(), 0);
  }

  public static String newTriggerId() {
    return "7." + UUID.randomUUID().toString().replace("-", "");
  }

  public SlashCommandPost stampedAt(Instant at) {
    return new SlashCommandPost(command, text, at, userId, channelId, triggerId, retryNum);
  }

  /** The same command typed by {@code user}. */
  public SlashCommandPost by(String user) {
    return new SlashCommandPost(command, text, timestamp, user, channelId, triggerId, retryNum);
  }

  public SlashCommandPost in(String channel) {
    return new SlashCommandPost(command, text, timestamp, userId, channel, triggerId, retryNum);
  }

  /** Slack's {@code n}-th redelivery of this very command: same trigger id, fresh stamp. */
  public SlashCommandPost retry(int n) {
    return new SlashCommandPost(command, text, Instant.now(), userId, channelId, triggerId, n);
  }

  public String body() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", SimulatedSlack.TEAM_ID);
    form.put("team_domain", "acme");
    form.put("channel_id", channelId);
    form.put("channel_name", "deploys");
    form.put("user_id", userId);
    form.put("user_name", "ada");
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0SHIPMATE");
    form.put("response_url", "https://hooks.slack.com/commands/T0SHIPMATE/1/abc");
    form.put("trigger_id", triggerId);
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** The request signed with {@code signingSecret}. */
  public HttpRequest signedWith(String signingSecret, URI endpoint) {
    return SignedPost.of(body(), timestamp, retryNum, signingSecret, endpoint);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
