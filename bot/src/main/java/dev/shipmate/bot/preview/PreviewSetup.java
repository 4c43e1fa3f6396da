package dev.shipmate.bot.preview;

import dev.shipmate.config.Previews;
import dev.shipmate.pipelines.preview.PreviewParts;
import java.util.Objects;

/** Previews as this process runs them: the configuration, the pipelines' parts, GitHub. */
public record PreviewSetup(Previews config, PreviewParts parts, GitHubSettings github) {
  public PreviewSetup {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(parts, "parts");
    Objects.requireNonNull(github, "github");
  }
}
