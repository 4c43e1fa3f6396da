package dev.shipmate.sandbox.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's Web API rate limits, per method (and per channel for {@code chat.postMessage}), as a
 * sliding minute: a call beyond the budget is refused with how long to wait until the oldest call
 * of the window leaves it. The tiers are Slack's documented ones (docs.slack.dev, "Rate limits",
 * and each method's page); Slack allows bursts above them, the stand-in does not, so a test that
 * stays within them stays within Slack's.
 */
final class SlackRateTiers {

  static final int TIER_2 = 20;
  static final int TIER_3 = 50;
  static final int TIER_4 = 100;

  /** chat.postMessage: "one message per second per channel", as a minute's budget. */
  static final int POST_MESSAGE_PER_CHANNEL = 60;

  private Duration window = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, Integer> perMinute = new HashMap<>();
  private final Map<String, Deque<Instant>> windows = new HashMap<>();
  private boolean enforced;

  SlackRateTiers(Clock clock) {
    this.clock = clock;
    perMinute.put("usergroups.users.list", TIER_2);
    perMinute.put("chat.update", TIER_3);
    perMinute.put("conversations.join", TIER_3);
    perMinute.put("chat.postEphemeral", TIER_4);
    perMinute.put("views.publish", TIER_4);
    perMinute.put("views.open", TIER_4);
    perMinute.put("users.info", TIER_4);
    perMinute.put("files.getUploadURLExternal", TIER_4);
    perMinute.put("files.completeUploadExternal", TIER_4);
    perMinute.put("chat.getPermalink", TIER_4);
    perMinute.put("chat.postMessage", POST_MESSAGE_PER_CHANNEL);
  }

  synchronized void window(Duration minute) {
    if (minute.isNegative() || minute.isZero()) {
      throw new IllegalArgumentException("a minute must last: " + minute);
    }
    window = minute;
  }

  synchronized void enforce() {
    enforced = true;
  }

  synchronized void limit(String method, int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException("a rate limit allows at least one call a minute");
    }
    perMinute.put(method, calls);
    enforced = true;
  }

  /**
   * Counts a call of {@code method} (in {@code channel}, for chat.postMessage), or says how long to
   * wait when the method's budget for the last minute is spent.
   */
  synchronized Optional<Duration> take(String method, String channel) {
    Integer budget = perMinute.get(method);
    if (!enforced || budget == null) {
      return Optional.empty();
    }
    String key = "chat.postMessage".equals(method) ? method + " " + channel : method;
    Deque<Instant> calls = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    Instant now = clock.instant();
    while (!calls.isEmpty() && !calls.peekFirst().plus(window).isAfter(now)) {
      calls.pollFirst();
    }
    if (calls.size() >= budget) {
      return Optional.of(Duration.between(now, calls.peekFirst().plus(window)));
    }
    calls.addLast(now);
    return Optional.empty();
  }
}
