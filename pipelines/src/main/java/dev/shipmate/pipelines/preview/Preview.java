package dev.shipmate.pipelines.preview;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A preview as found on the cluster ({@code /env list}).
 *
 * @param created when Shipmate made it
 * @param warnedFor the expiry the "expires in an hour" warning was sent for, if one was
 */
public record Preview(
    int pr,
    String namespace,
    String owner,
    Instant created,
    Instant expiresAt,
    String ref,
    String url,
    PreviewStatus status,
    Optional<Instant> warnedFor) {
  public Preview {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(warnedFor, "warnedFor");
  }

  /** {@code pr-12}: how a person names it in {@code /env down pr-12}. */
  public String handle() {
    return "pr-" + pr;
  }
}
