package dev.shipmate.bot.testing;

import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A slash command as Slack posts it: a form body, stamped and signed with the app's signing secret
 * ({@code v0=HMAC-SHA256("v0:" + timestamp + ":" + body)}).
 */
public record SlashCommandPost(String command, String text, Instant timestamp) {

  public static SlashCommandPost of(String command, String text) {
    return new SlashCommandPost(command, text, Instant.now());
  }

  public SlashCommandPost stampedAt(Instant at) {
    return new SlashCommandPost(command, text, at);
  }

  public String body() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", SlackApiStandIn.TEAM_ID);
    form.put("team_domain", "acme");
    form.put("channel_id", "C0DEPLOYS");
    form.put("channel_name", "deploys");
    form.put("user_id", "U01SRE1");
    form.put("user_name", "ada");
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0SHIPMATE");
    form.put("response_url", "https://hooks.slack.com/commands/T0SHIPMATE/1/abc");
    form.put("trigger_id", "1.2.abc");
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** The request signed with {@code signingSecret}. */
  public HttpRequest signedWith(String signingSecret, URI endpoint) {
    String stamp = Long.toString(timestamp.getEpochSecond());
    String body = body();
    String signature = new SlackSignature.Generator(signingSecret).generate(stamp, body);
    return HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, stamp)
        .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
