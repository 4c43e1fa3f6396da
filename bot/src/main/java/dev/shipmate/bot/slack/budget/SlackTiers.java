package dev.shipmate.bot.slack.budget;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Slack's Web API rate limits as Shipmate keeps to them: a number of calls per method (per channel
 * for {@code chat.postMessage}) in any minute. The numbers are Slack's documented tiers
 * (docs.slack.dev, "Rate limits": Tier 2 20+ a minute, Tier 3 50+, Tier 4 100+; {@code
 * chat.postMessage} one message a second per channel), and Shipmate allows itself a tenth less
 * ({@link #allowance}) so that the latency between its count and Slack's never tips a call over.
 *
 * @param minute how long Slack's minute lasts: a minute, except in a test that shortens Slack's
 *     minute on both sides (with the stand-in's {@code SimulatedSlack.rateWindow})
 */
public record SlackTiers(Map<String, Integer> perMinute, int otherMethods, Duration minute) {

  public static final int TIER_2 = 20;
  public static final int TIER_3 = 50;
  public static final int TIER_4 = 100;

  /** {@code chat.postMessage}: one message a second per channel, as a minute's budget. */
  public static final int POST_MESSAGE_PER_CHANNEL = 60;

  /** The one method whose budget is per channel rather than per workspace. */
  public static final String POST_MESSAGE = "chat.postMessage";

  public SlackTiers {
    perMinute = Map.copyOf(perMinute);
    Objects.requireNonNull(minute, "minute");
    if (minute.isNegative() || minute.isZero()) {
      throw new IllegalArgumentException("Slack's minute must last: " + minute);
    }
    if (otherMethods < 1 || perMinute.values().stream().anyMatch(calls -> calls < 1)) {
      throw new IllegalArgumentException("a method allows at least one call a minute");
    }
  }

  /** The tiers of the methods Shipmate calls, on a real minute. */
  public static SlackTiers documented() {
    return documented(Duration.ofMinutes(1));
  }

  /** The same tiers, on a minute that lasts {@code minute}. */
  public static SlackTiers documented(Duration minute) {
    Map<String, Integer> tiers = new HashMap<>();
    tiers.put("usergroups.users.list", TIER_2);
    tiers.put("chat.update", TIER_3);
    tiers.put("conversations.join", TIER_3);
    tiers.put("chat.postEphemeral", TIER_4);
    tiers.put("views.publish", TIER_4);
    tiers.put("views.open", TIER_4);
    tiers.put("files.getUploadURLExternal", TIER_4);
    tiers.put("files.completeUploadExternal", TIER_4);
    tiers.put("chat.getPermalink", TIER_4);
    tiers.put(POST_MESSAGE, POST_MESSAGE_PER_CHANNEL);
    // Any other method is taken to be Tier 2, the tier of most of Slack's methods.
    return new SlackTiers(tiers, TIER_2, minute);
  }

  /** Slack's limit for {@code method}: calls a minute. */
  public int limit(String method) {
    return perMinute.getOrDefault(method, otherMethods);
  }

  /** What Shipmate allows itself of {@code method} a minute: a tenth below Slack's limit. */
  public int allowance(String method) {
    int limit = limit(method);
    return Math.max(1, limit - Math.max(1, limit / 10));
  }

  /** Whether {@code method}'s budget is counted per channel. */
  public static boolean perChannel(String method) {
    return POST_MESSAGE.equals(method);
  }
}
