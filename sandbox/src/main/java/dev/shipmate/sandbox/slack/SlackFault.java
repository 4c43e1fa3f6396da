package dev.shipmate.sandbox.slack;

/** A failure to answer the next calls of a Web API method with. */
public enum SlackFault {
  /** HTTP 429 {@code ratelimited} with {@code Retry-After}, as Slack's rate limits answer. */
  RATE_LIMITED,
  /** HTTP 500 {@code internal_error}. */
  INTERNAL_ERROR
}
