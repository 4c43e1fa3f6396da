package dev.shipmate.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code drift:} — scheduled drift reports: a Quartz cron schedule, the channel they go to, the git
 * repository holding the desired state ({@code path} may contain {@code {cluster}}), the clusters
 * to check (all when empty), and the fields to leave out of the comparison.
 */
public record Drift(
    String schedule, String channel, Source source, List<String> clusters, List<Ignore> ignore) {
  public Drift {
    clusters = List.copyOf(clusters);
    ignore = List.copyOf(ignore);
  }

  /**
   * {@code source:} — the repository ({@code https://…}, {@code ssh://…}, {@code git@…:…} or a
   * local path), the branch, the folder of manifests, and an HTTPS token.
   */
  public record Source(String git, String branch, String path, Optional<Secret> token) {
    public static final String DEFAULT_BRANCH = "main";

    public String pathFor(String cluster) {
      return path.replace("{cluster}", cluster);
    }

    /** Without credentials written into the URL ({@code https://TOKEN@host/…}). */
    @Override
    public String toString() {
      return "Source[git="
          + Redaction.url(git)
          + ", branch="
          + branch
          + ", path="
          + path
          + ", token="
          + token
          + "]";
    }
  }

  /**
   * {@code ignore:} — JSON pointers ({@code /spec/replicas}) not compared on objects of a kind,
   * optionally only in one namespace or for one name.
   */
  public record Ignore(
      String kind, Optional<String> namespace, Optional<String> name, List<String> pointers) {
    public Ignore {
      pointers = List.copyOf(pointers);
    }
  }
}
