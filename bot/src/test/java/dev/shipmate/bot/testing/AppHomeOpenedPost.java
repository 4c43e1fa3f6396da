package dev.shipmate.bot.testing;

import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;

/** Slack telling the app that {@code userId} opened its Home tab: a signed Events API callback. */
public record AppHomeOpenedPost(String userId) {

  public String body() {
    return """
        {"token":"legacy-verification-token","team_id":"%1$s","api_app_id":"A0SHIPMATE",
         "event":{"type":"app_home_opened","user":"%2$s","channel":"D0HOME","tab":"home",
                  "event_ts":"1700000000.000100"},
         "type":"event_callback","event_id":"Ev0HOME%3$d","event_time":%3$d}
        """
        .formatted(SimulatedSlack.TEAM_ID, userId, Instant.now().getEpochSecond())
        // Bolt reads a JSON body line by line and joins the lines: one line signs the same.
        .replace("\n", "");
  }

  public HttpRequest signedWith(String signingSecret, URI endpoint) {
    return SignedPost.of("application/json", body(), Instant.now(), 0, signingSecret, endpoint);
  }
}
