package dev.shipmate.pipelines.preview;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The params of a {@code preview-up} run ({@code /env up pr-12}, or a pull request opened or pushed
 * to). Stored as JSON with the run: never rename a component.
 *
 * @param pr the pull request number
 * @param ref the git sha or tag to run; it is also the image tag ({@code {tag}} in the manifests)
 * @param ttl how long the preview lives from now; empty keeps the expiry of a preview that exists,
 *     and gives a new one {@code previews.ttl}
 */
public record PreviewUpRequest(int pr, String ref, Optional<Duration> ttl) {
  public PreviewUpRequest {
    if (pr < 1) {
      throw new IllegalArgumentException("a pull request number is 1 or more, not " + pr);
    }
    Objects.requireNonNull(ref, "ref");
    if (ref.isBlank()) {
      throw new IllegalArgumentException("a preview needs a ref (a git sha or tag) to run");
    }
    Objects.requireNonNull(ttl, "ttl");
  }
}
