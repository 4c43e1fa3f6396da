package dev.shipmate.bot.testing;

import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A click on a run card's button as Slack posts it: {@code payload=} a {@code block_actions} JSON
 * document, form-encoded, stamped and signed like a command.
 */
public record ButtonClickPost(
    String actionId,
    String runId,
    String userId,
    String channelId,
    String messageTs,
    String triggerId) {

  public static ButtonClickPost of(
      String actionId, String runId, String userId, String channelId, String messageTs) {
    return new ButtonClickPost(
        actionId, runId, userId, channelId, messageTs, SlashCommandPost.newTriggerId());
  }

  public String payload() {
    return """
        {"type":"block_actions",
         "team":{"id":"%1$s","domain":"acme"},
         "user":{"id":"%2$s","username":"someone","name":"someone","team_id":"%1$s"},
         "api_app_id":"A0SHIPMATE","token":"legacy-verification-token",
         "container":{"type":"message","message_ts":"%3$s","channel_id":"%4$s","is_ephemeral":false},
         "trigger_id":"%5$s",
         "channel":{"id":"%4$s","name":"deploys"},
         "message":{"type":"message","ts":"%3$s","text":"run card"},
         "response_url":"https://hooks.slack.com/actions/T0SHIPMATE/1/xyz",
         "actions":[{"action_id":"%6$s","block_id":"run.actions",
                     "text":{"type":"plain_text","text":"button"},
                     "value":"%7$s","type":"button","action_ts":"1700000000.000001"}]}
        """
        .formatted(
            SimulatedSlack.TEAM_ID, userId, messageTs, channelId, triggerId, actionId, runId);
  }

  public HttpRequest signedWith(String signingSecret, URI endpoint) {
    String body = "payload=" + URLEncoder.encode(payload(), StandardCharsets.UTF_8);
    return SignedPost.of(body, Instant.now(), 0, signingSecret, endpoint);
  }
}
