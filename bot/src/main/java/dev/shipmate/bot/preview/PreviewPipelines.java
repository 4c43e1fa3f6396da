package dev.shipmate.bot.preview;

import dev.shipmate.bot.slice.GitHubSettings;
import dev.shipmate.config.Cluster;
import dev.shipmate.config.Previews;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.pipelines.deploy.RolloutJudge;
import dev.shipmate.pipelines.github.GitHubGateway;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.pipelines.preview.Fabric8PreviewGateway;
import dev.shipmate.pipelines.preview.PreviewDownPipeline;
import dev.shipmate.pipelines.preview.PreviewExtendPipeline;
import dev.shipmate.pipelines.preview.PreviewGrant;
import dev.shipmate.pipelines.preview.PreviewParts;
import dev.shipmate.pipelines.preview.PreviewUpPipeline;
import dev.shipmate.pipelines.preview.ReadinessJudge;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The preview pipelines ({@code preview-up}, {@code preview-down}, {@code preview-extend}) put
 * together for {@code previews:}, on the cluster it names, with GitHub when a token is set.
 */
public final class PreviewPipelines implements AutoCloseable {
  private final PreviewSetup setup;
  private final OkHttpClient http;

  private PreviewPipelines(PreviewSetup setup, OkHttpClient http) {
    this.setup = setup;
    this.http = http;
  }

  /** Empty when the configuration has no {@code previews:}. */
  public static Optional<PreviewPipelines> of(
      ShipmateConfig config,
      KubernetesClients kubernetes,
      GitHubSettings github,
      Clock clock,
      Consumer<RunId> waker) {
    if (config.previews().isEmpty()) {
      return Optional.empty();
    }
    Previews previews = config.previews().get();
    Cluster cluster =
        config
            .cluster(previews.cluster())
            .orElseThrow(
                () -> new IllegalStateException("validation let through " + previews.cluster()));
    OkHttpClient http = new OkHttpClient();
    Optional<GitHubGateway> gateway = github.gateway(http, clock);
    PreviewParts parts =
        PreviewParts.of(
            previews,
            new LazyPreviewGateway(
                () ->
                    new Fabric8PreviewGateway(
                        kubernetes.forCluster(cluster),
                        clock,
                        new ReadinessJudge(
                            new RolloutJudge(clock, RolloutJudge.DEFAULT_GRACE_PERIOD)),
                        previews.podSecurity(),
                        previews
                            .serviceAccount()
                            .map(
                                account ->
                                    new PreviewGrant(
                                        Previews.OBJECTS_ROLE,
                                        account.namespace(),
                                        account.name())))),
            Path.of(previews.manifests()),
            gateway,
            clock,
            waker,
            config.watchdogs().previewWarning());
    return Optional.of(
        new PreviewPipelines(new PreviewSetup(previews, parts, github, gateway), http));
  }

  public PreviewSetup setup() {
    return setup;
  }

  public List<Pipeline<?>> pipelines() {
    PreviewParts parts = setup.parts();
    return List.of(
        new PreviewUpPipeline(parts),
        new PreviewDownPipeline(parts),
        new PreviewExtendPipeline(parts));
  }

  @Override
  public void close() {
    setup.parts().close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
