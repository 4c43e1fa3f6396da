package dev.shipmate.pipelines.preview;

import dev.shipmate.config.Previews;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.deploy.RolloutJudge;
import dev.shipmate.pipelines.github.GitHubGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the preview pipelines share: the cluster gateway, the rules (limit, expiry, readiness), the
 * manifests, the watches that wake waiting runs, and GitHub when it is configured.
 */
public record PreviewParts(
    PreviewGateway gateway,
    PreviewSite site,
    PreviewLimits limits,
    PreviewExpiry expiry,
    PreviewManifests manifests,
    PreviewWatches watches,
    ReadinessJudge judge,
    PreviewGitHubReports github)
    implements AutoCloseable {

  public PreviewParts {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(manifests, "manifests");
    Objects.requireNonNull(watches, "watches");
    Objects.requireNonNull(judge, "judge");
    Objects.requireNonNull(github, "github");
  }

  /**
   * The parts for {@code previews:} on the cluster {@code gateway} talks to.
   *
   * @param manifestsFolder {@code previews.manifests}, resolved against the configuration file's
   *     folder
   * @param github the GitHub gateway when {@code GITHUB_TOKEN} is set; used only when {@code
   *     previews.github} names a repository
   * @param waker how a run is checked at once (the engine's wake)
   */
  public static PreviewParts of(
      Previews config,
      PreviewGateway gateway,
      Path manifestsFolder,
      Optional<GitHubGateway> github,
      Clock clock,
      Consumer<RunId> waker) {
    return of(
        config, gateway, manifestsFolder, github, clock, waker, PreviewExpiry.DEFAULT_WARNING);
  }

  /**
   * The same, warning owners {@code warning} before their previews expire ({@code
   * watchdogs.previewWarning}).
   */
  public static PreviewParts of(
      Previews config,
      PreviewGateway gateway,
      Path manifestsFolder,
      Optional<GitHubGateway> github,
      Clock clock,
      Consumer<RunId> waker,
      Duration warning) {
    return new PreviewParts(
        gateway,
        new PreviewSite(config),
        new PreviewLimits(config.limit()),
        new PreviewExpiry(clock, PreviewExpiry.DEFAULT_MAX, warning),
        new PreviewManifests(manifestsFolder),
        new PreviewWatches(gateway, waker),
        new ReadinessJudge(new RolloutJudge(clock, RolloutJudge.DEFAULT_GRACE_PERIOD)),
        new PreviewGitHubReports(github, config.github().map(Previews.GitHub::repo)));
  }

  @Override
  public void close() {
    watches.close();
  }
}
