package dev.shipmate.pipelines.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a preview is to expire.
 *
 * @param at the instant
 * @param capped whether the time asked for was cut to the longest allowed, which the reply should
 *     say
 * @param max the longest time ahead a preview may be kept, from the moment it was set
 */
public record Expiry(Instant at, boolean capped, Duration max) {
  public Expiry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(max, "max");
  }
}
