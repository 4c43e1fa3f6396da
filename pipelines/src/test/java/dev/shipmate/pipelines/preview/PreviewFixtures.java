package dev.shipmate.pipelines.preview;

import java.time.Instant;
import java.util.Optional;

/** Listed previews for the pure tests. */
final class PreviewFixtures {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private PreviewFixtures() {}

  static Preview preview(int pr, Instant created, Instant expiresAt) {
    return new Preview(
        pr,
        "pr-" + pr,
        "U0" + pr,
        created,
        expiresAt,
        "sha" + pr,
        "https://pr-" + pr + ".preview.example.com",
        PreviewStatus.READY,
        Optional.empty());
  }

  static Preview with(Preview p, PreviewStatus status) {
    return new Preview(
        p.pr(),
        p.namespace(),
        p.owner(),
        p.created(),
        p.expiresAt(),
        p.ref(),
        p.url(),
        status,
        p.warnedFor());
  }

  static Preview warned(Preview p, Instant warnedFor) {
    return new Preview(
        p.pr(),
        p.namespace(),
        p.owner(),
        p.created(),
        p.expiresAt(),
        p.ref(),
        p.url(),
        p.status(),
        Optional.of(warnedFor));
  }
}
