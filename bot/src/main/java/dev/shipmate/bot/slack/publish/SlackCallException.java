package dev.shipmate.bot.slack.publish;

import java.time.Duration;
import java.util.Optional;

/** A Slack Web API call that did not go through, classified once: wait, retry, or give up. */
public final class SlackCallException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What the caller should do about it. */
  enum Kind {
    /** HTTP 429: wait {@link #retryAfter()} and try again. */
    RATE_LIMITED,
    /** A 5xx, a network failure, or Slack's own {@code internal_error}: try again later. */
    TRANSIENT,
    /** Slack refused the call ({@code channel_not_found}, {@code invalid_blocks}, …). */
    PERMANENT
  }

  private final Kind kind;
  private final transient Duration retryAfter;

  SlackCallException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  Kind kind() {
    return kind;
  }

  /** Whether Slack refused the call with {@code error} ({@code not_in_channel}, …). */
  boolean refusedWith(String error) {
    return kind == Kind.PERMANENT && getMessage() != null && getMessage().endsWith(": " + error);
  }

  /** How long Slack asked us to wait, for {@link Kind#RATE_LIMITED}. */
  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
