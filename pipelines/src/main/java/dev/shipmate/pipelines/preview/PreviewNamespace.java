package dev.shipmate.pipelines.preview;

import java.time.Instant;
import java.util.Objects;

/**
 * The namespace a preview should have, and what Shipmate records on it.
 *
 * @param pr the pull request number
 * @param namespace the namespace ({@code previews.namespace} filled in)
 * @param owner who asked: a Slack user id ({@code U01ABC}) or a GitHub login
 * @param expiresAt when the preview is to be removed
 * @param ref the git sha or tag it runs
 * @param url where it answers ({@code https://pr-12.preview.example.com})
 */
public record PreviewNamespace(
    int pr, String namespace, String owner, Instant expiresAt, String ref, String url) {
  public PreviewNamespace {
    if (pr < 1) {
      throw new IllegalArgumentException("a pull request number is 1 or more, not " + pr);
    }
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(url, "url");
  }
}
