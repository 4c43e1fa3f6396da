package dev.shipmate.pipelines.kubernetes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The API's RFC 3339 timestamps ({@code 2026-11-21T10:00:00Z}) as instants. */
public final class Timestamps {
  private Timestamps() {}

  /** The instant of a timestamp; empty when it is absent or unreadable. */
  public static Optional<Instant> parse(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
