package dev.shipmate.bot.testing;

import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;

/** A form body as Slack posts it to an app: stamped, signed, and marked when it is a retry. */
final class SignedPost {

  private SignedPost() {}

  static HttpRequest of(
      String body, Instant timestamp, int retryNum, String signingSecret, URI endpoint) {
    return of(
        "application/x-www-form-urlencoded", body, timestamp, retryNum, signingSecret, endpoint);
  }

  static HttpRequest of(
      String contentType,
      String body,
      Instant timestamp,
      int retryNum,
      String signingSecret,
      URI endpoint) {
    String stamp = Long.toString(timestamp.getEpochSecond());
    String signature = new SlackSignature.Generator(signingSecret).generate(stamp, body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", contentType)
            .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, stamp)
            .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (retryNum > 0) {
      request
          .header("X-Slack-Retry-Num", Integer.toString(retryNum))
          .header("X-Slack-Retry-Reason", "http_timeout");
    }
    return request.build();
  }
}
