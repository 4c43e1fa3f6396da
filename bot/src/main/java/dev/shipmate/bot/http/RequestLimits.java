package dev.shipmate.bot.http;

import java.time.Duration;

/**
 * What the HTTP server accepts from any client, checked before a request reaches Bolt or a webhook
 * servlet (and so before any signature is computed).
 *
 * @param maxBodyBytes the largest request body accepted; a larger one is answered 413 without being
 *     read further. Slack's own payloads are a few KiB, GitHub's pull_request deliveries tens of
 *     KiB.
 * @param maxConnections open connections at most; Jetty stops accepting new ones beyond this until
 *     some close
 * @param minReadBytesPerSecond a client sending its body slower than this is cut off, so that slow
 *     senders cannot hold threads and connections
 * @param idleTimeout a connection idle this long is closed
 */
public record RequestLimits(
    long maxBodyBytes, int maxConnections, long minReadBytesPerSecond, Duration idleTimeout) {

  /** 1 MiB: the default body cap ({@code SHIPMATE_MAX_REQUEST_BODY}). */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Slack and GitHub open a handful of connections; 200 leaves room for bursts of clicks. */
  public static final int DEFAULT_MAX_CONNECTIONS = 200;

  /** 1 KiB/s: far below any real sender, far above a slowloris. */
  public static final long DEFAULT_MIN_READ_BYTES_PER_SECOND = 1024;

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  public RequestLimits {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, not " + maxBodyBytes);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, not " + maxConnections);
    }
  }

  /** The defaults, with a body cap of {@code maxBodyBytes}. */
  public static RequestLimits withMaxBody(long maxBodyBytes) {
    return new RequestLimits(
        maxBodyBytes,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MIN_READ_BYTES_PER_SECOND,
        DEFAULT_IDLE_TIMEOUT);
  }

  public static RequestLimits defaults() {
    return withMaxBody(DEFAULT_MAX_BODY_BYTES);
  }
}
