package dev.shipmate.bot.preview;

import dev.shipmate.bot.slice.GitHubSettings;
import dev.shipmate.config.Previews;
import dev.shipmate.pipelines.github.GitHubGateway;
import dev.shipmate.pipelines.preview.PreviewParts;
import java.util.Objects;
import java.util.Optional;

/** Previews as this process runs them: the configuration, the pipelines' parts, GitHub. */
public record PreviewSetup(
    Previews config, PreviewParts parts, GitHubSettings github, Optional<GitHubGateway> gitHubApi) {
  public PreviewSetup {
    Objects.requireNonNull(gitHubApi, "gitHubApi");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(parts, "parts");
    Objects.requireNonNull(github, "github");
  }
}
