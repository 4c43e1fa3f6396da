package dev.shipmate.pipelines.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.Previews;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.pipelines.deploy.KubernetesExceptionClassifier;
import dev.shipmate.pipelines.deploy.RolloutJudge;
import dev.shipmate.pipelines.github.GitHubGateway;
import dev.shipmate.pipelines.github.OkHttpGitHubGateway;
import dev.shipmate.sandbox.github.SimulatedGitHub;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview pipelines on the real engine (H2, Quartz, the system clock) against the sandbox's
 * simulated cluster in real time (its controllers roll Deployments out and terminate namespaces)
 * and the GitHub stand-in.
 */
@DisplayName("preview pipelines on the simulated cluster")
class PreviewPipelinesIT {
  private static final Path MANIFESTS = Path.of("../config/examples/previews/web");
  private static final String SHA = "3f2a9c1e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a";
  private static final String SHA2 = "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";

  @TempDir Path data;

  private SimulatedCluster cluster;
  private SimulatedGitHub github;
  private OkHttpClient http;
  private PreviewParts parts;
  private Engine engine;
  private final List<String> expiredNotes = new CopyOnWriteArrayList<>();
  private final List<Integer> warnedNotes = new CopyOnWriteArrayList<>();

  private static Previews config(int limit) {
    return new Previews(
        "dev",
        "pr-{number}",
        "pr-{number}.preview.example.com",
        MANIFESTS.toString(),
        Duration.ofHours(72),
        limit,
        Optional.of("registry.example.com/acme/web"),
        Optional.of(new Previews.GitHub("acme/web")),
        Optional.empty());
  }

  @BeforeEach
  void start() {
    cluster =
        SimulatedCluster.builder().realTime().namespaceDeletionDelay(Duration.ofSeconds(1)).start();
    github = SimulatedGitHub.start();
    http = new OkHttpClient();
    startEngine(config(2));
  }

  private void startEngine(Previews config) {
    Clock clock = Clock.systemUTC();
    GitHubGateway gateway =
        new OkHttpGitHubGateway(http, HttpUrl.get(github.apiUrl()), "ghp_test", clock);
    KubernetesClient client = cluster.client();
    AtomicReference<Engine> bound = new AtomicReference<>();
    parts =
        PreviewParts.of(
            config,
            new Fabric8PreviewGateway(
                client,
                clock,
                new ReadinessJudge(new RolloutJudge(clock, RolloutJudge.DEFAULT_GRACE_PERIOD))),
            MANIFESTS,
            Optional.of(gateway),
            clock,
            id -> bound.get().wake(id));
    engine =
        Engine.open(
            new StoreSettings(
                "jdbc:h2:file:" + data.resolve("db/shipmate").toAbsolutePath(),
                Optional.empty(),
                Optional.empty()),
            PipelineRegistry.of(
                List.of(
                    new PreviewUpPipeline(parts),
                    new PreviewDownPipeline(parts),
                    new PreviewExtendPipeline(parts))),
            EngineSettings.defaults(),
            List.of(new KubernetesExceptionClassifier()));
    bound.set(engine);
    engine.start();
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (parts != null) {
      parts.close();
    }
    github.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    cluster.close();
  }

  @Test
  @DisplayName(
      "up creates the labelled namespace and the objects with placeholders filled, waits until"
          + " web is available, and reports pending then success and one comment to GitHub")
  void upCreatesAPreview() {
    Run run = finish(up(12, SHA));

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.summary()).contains("https://pr-12.preview.example.com");
    Namespace namespace = client().namespaces().withName("pr-12").get();
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry(PreviewLabels.PREVIEW, "true")
        .containsEntry(PreviewLabels.PR, "12")
        .containsEntry(PreviewLabels.OWNER, "U01ALICE");
    assertThat(namespace.getMetadata().getAnnotations()).containsKey(PreviewLabels.EXPIRES_AT);
    Deployment web = client().apps().deployments().inNamespace("pr-12").withName("web").get();
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example.com/acme/web:" + SHA);
    assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(client().services().inNamespace("pr-12").withName("web").get()).isNotNull();
    assertThat(
            client()
                .network()
                .v1()
                .ingresses()
                .inNamespace("pr-12")
                .withName("web")
                .get()
                .getSpec()
                .getRules()
                .get(0)
                .getHost())
        .isEqualTo("pr-12.preview.example.com");
    assertThat(github.statuses(SHA))
        .extracting(SimulatedGitHub.Status::state)
        .containsExactly("pending", "success");
    assertThat(github.statuses(SHA).get(1).targetUrl())
        .isEqualTo("https://pr-12.preview.example.com");
    assertThat(github.comments("acme/web", 12))
        .singleElement()
        .satisfies(c -> assertThat(c.body()).contains("Ready").contains("https://pr-12."));
  }

  @Test
  @DisplayName("up again at a new sha updates the preview in place and edits the same comment")
  void upAgainUpdatesInPlace() {
    finish(up(13, SHA));
    String uid = client().namespaces().withName("pr-13").get().getMetadata().getUid();

    Run second = finish(up(13, SHA2));

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(client().namespaces().withName("pr-13").get().getMetadata().getUid()).isEqualTo(uid);
    assertThat(
            client()
                .apps()
                .deployments()
                .inNamespace("pr-13")
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .endsWith(":" + SHA2);
    assertThat(github.comments("acme/web", 13))
        .singleElement()
        .satisfies(c -> assertThat(c.body()).contains(SHA2.substring(0, 7)).contains("Ready"));
    assertThat(github.commentsPosted()).isEqualTo(1);
    assertThat(github.statuses(SHA2))
        .extracting(SimulatedGitHub.Status::state)
        .containsExactly("pending", "success");
  }

  @Test
  @DisplayName("down deletes the namespace, waits until it is gone, and edits the comment")
  void downRemovesIt() {
    finish(up(14, SHA));

    Run down = finish(start(PreviewDownPipeline.TYPE, new PreviewDownRequest(14, "asked")));

    assertThat(down.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(client().namespaces().withName("pr-14").get()).isNull();
    assertThat(github.comments("acme/web", 14))
        .singleElement()
        .satisfies(c -> assertThat(c.body()).contains("Removed").contains("asked"));
  }

  @Test
  @DisplayName("a second up for another pull request over the limit fails naming the oldest")
  void limitRefuses() {
    engine.close();
    parts.close();
    startEngine(config(1));
    finish(up(15, SHA));

    Run refused = finish(up(16, SHA2));

    assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
    assertThat(refused.message().orElse(""))
        .contains("limit is 1")
        .contains("pr-15")
        .contains("/env down pr-15");
    assertThat(client().namespaces().withName("pr-16").get()).isNull();
    assertThat(github.statuses(SHA2))
        .extracting(SimulatedGitHub.Status::state)
        .containsExactly("failure");
  }

  @Test
  @DisplayName("extend moves the expiry by the time asked")
  void extendMovesExpiry() {
    finish(up(17, SHA));
    Instant before = expiry("pr-17");

    Run run =
        finish(
            start(PreviewExtendPipeline.TYPE, new PreviewExtendRequest(17, Duration.ofHours(24))));

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(expiry("pr-17")).isEqualTo(before.plus(Duration.ofHours(24)));
  }

  @Test
  @DisplayName(
      "the reaper warns an hour before expiry, once, then removes the preview when it expires")
  void reaperWarnsThenRemoves() {
    finish(up(18, SHA));
    Instant expiresAt = expiry("pr-18");
    ManualClock clock = new ManualClock(expiresAt.minus(Duration.ofMinutes(50)));
    PreviewReaper reaper =
        new PreviewReaper(
            engine,
            parts.gateway(),
            new PreviewExpiry(clock),
            new RecordingNotices(),
            ReplyAddress.channel("C0PREVIEWS"));

    PreviewReaper.Sweep warning = reaper.sweep();
    PreviewReaper.Sweep again = reaper.sweep();

    assertThat(warning.warned()).containsExactly(18);
    assertThat(warning.removals()).isEmpty();
    assertThat(again.warned()).isEmpty();
    assertThat(warnedNotes).containsExactly(18);

    clock.set(expiresAt.plusSeconds(1));
    PreviewReaper.Sweep removal = reaper.sweep();

    assertThat(removal.removals()).hasSize(1);
    assertThat(expiredNotes).containsExactly("pr-18 " + removal.removals().get(0));
    Run down = finish(removal.removals().get(0));
    assertThat(down.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(down.summary()).contains("expired");
    assertThat(client().namespaces().withName("pr-18").get()).isNull();
  }

  private final class RecordingNotices implements PreviewNotices {
    @Override
    public void expired(Preview preview, RunId removal) {
      expiredNotes.add(preview.handle() + " " + removal);
    }

    @Override
    public boolean expiresSoon(Preview preview) {
      warnedNotes.add(preview.pr());
      return true;
    }
  }

  private Instant expiry(String namespace) {
    return Instant.parse(
        client()
            .namespaces()
            .withName(namespace)
            .get()
            .getMetadata()
            .getAnnotations()
            .get(PreviewLabels.EXPIRES_AT));
  }

  private KubernetesClient client() {
    return cluster.client();
  }

  private RunId up(int pr, String sha) {
    return start(PreviewUpPipeline.TYPE, new PreviewUpRequest(pr, sha, Optional.empty()));
  }

  private RunId start(String type, Record params) {
    StartResult result =
        engine.start(
            StartRequest.of(type, params, "U01ALICE").replyTo(ReplyAddress.channel("C0PREVIEWS")));
    assertThat(result).isInstanceOf(StartResult.Started.class);
    return ((StartResult.Started) result).run().id();
  }

  private Run finish(RunId id) {
    Await.until(
        "run " + id + " to finish",
        () -> engine.run(id).map(r -> r.status().isTerminal()).orElse(false));
    return engine.run(id).orElseThrow();
  }
}
