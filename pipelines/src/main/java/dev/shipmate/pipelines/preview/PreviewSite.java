package dev.shipmate.pipelines.preview;

import dev.shipmate.config.Previews;
import dev.shipmate.engine.run.LockKey;
import java.util.Objects;

/**
 * Where the preview of a pull request lives, from {@code previews:}: its namespace, its URL and the
 * lock its runs hold. Pure.
 */
public final class PreviewSite {
  /** The lock kind every preview run of one pull request holds: {@code preview:pr-12}. */
  public static final String LOCK_KIND = "preview";

  private final Previews config;

  public PreviewSite(Previews config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public Previews config() {
    return config;
  }

  public String namespace(int pr) {
    return config.namespaceFor(pr);
  }

  /** {@code https://pr-12.preview.example.com}. */
  public String url(int pr) {
    return "https://" + config.hostFor(pr);
  }

  /** {@code preview:pr-12}: one active run per preview, whatever it does to it. */
  public static LockKey lockKey(int pr) {
    return LockKey.of(LOCK_KIND, "pr-" + pr);
  }
}
