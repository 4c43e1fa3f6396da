package dev.shipmate.bot.slack;

import com.slack.api.bolt.request.RequestHeaders;
import java.util.Optional;

/**
 * What identifies one delivery of a Slack request. Slack gives each slash command and each click a
 * {@code trigger_id}, and a retry ({@code X-Slack-Retry-Num}) carries the same one, so the team and
 * the trigger id together recognise a second delivery.
 */
final class RequestKeys {

  static final String RETRY_NUM = "X-Slack-Retry-Num";

  private RequestKeys() {}

  static Optional<String> of(String teamId, String triggerId) {
    if (triggerId == null || triggerId.isBlank()) {
      return Optional.empty();
    }
    String key = "slack:" + (teamId == null ? "-" : teamId) + ":" + triggerId;
    return key.length() <= 200 ? Optional.of(key) : Optional.empty();
  }

  /** The retry number Slack stamped on a redelivery, or 0 for a first delivery. */
  static int retryNum(RequestHeaders headers) {
    String value = headers == null ? null : headers.getFirstValue(RETRY_NUM);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
