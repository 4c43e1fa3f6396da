package dev.shipmate.pipelines.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import dev.shipmate.pipelines.kubernetes.Revision;
import dev.shipmate.pipelines.kubernetes.Workloads;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy pipeline on the real engine (H2 file, manual clock and wake-ups) against fabric8's
 * CRUD mock server, with the test playing the Deployment controller.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class DeployPipelineIT {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesClient client;
  static Database database;
  @TempDir static Path folder;

  DeployHarness h;
  ClusterController k8s;

  @BeforeAll
  static void openDatabase() {
    database = DeployHarness.open(folder);
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @BeforeEach
  void setUp() {
    h = new DeployHarness(database, client, "deploy" + NAMESPACES.incrementAndGet(), upgrade());
    k8s = h.cluster;
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /** Starts web's deploy of v1.2 and runs it up to its first look at the rollout. */
  private Run deployStartedWatching() {
    k8s.settled("web", "v1.1", 3);
    Run run = h.deploy("v1.2");
    h.wakeUps.fireDue();
    assertThat(h.step(run.id(), "watch-rollout").status()).isEqualTo(StepStatus.RUNNING);
    return run;
  }

  @Test
  @DisplayName("a deploy sets the image with a change-cause naming the run, watches it, succeeds")
  void succeeds() {
    // Given web at v1.1, and a deploy of v1.2 that has set the image
    Run run = deployStartedWatching();
    Deployment written = k8s.deployment("web");
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.2"));
    assertThat(written.getMetadata().getAnnotations())
        .containsEntry(
            Revision.CHANGE_CAUSE_ANNOTATION,
            "shipmate run " + run.id() + " by U1: deploy web v1.2")
        .containsEntry(ChangeCause.RUN_ANNOTATION, run.id().value());
    assertThat(h.step(run.id(), "watch-rollout").progress())
        .hasValueSatisfying(p -> assertThat(p).contains("waiting for Kubernetes"));
    Run planned = h.run(run.id());
    assertThat(
            planned.output("set-image", ReplacedTemplate.Replaced.class).orElseThrow().templates())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.revision()).isEqualTo(1);
              assertThat(PodTemplates.images(r.template()))
                  .containsEntry("web", Workloads.image("v1.1"));
            });

    // When the controller rolls it out part-way, then fully
    ReplicaSet rs = k8s.observe("web");
    k8s.status("web", 2, 1, Optional.empty());
    h.wakeUps.advance(Duration.ofSeconds(15));
    assertThat(h.step(run.id(), "watch-rollout").progress()).contains("2/3 updated, 1 available");
    k8s.pod(rs, "a", Workloads.running("web"));
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    // Then the run succeeded and freed its lock, and the image was written once
    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.message()).contains(run.id() + " succeeded: deploy web v1.2 to prod.");
    assertThat(k8s.deployment("web").getMetadata().getGeneration())
        .isEqualTo(written.getMetadata().getGeneration());
    assertThat(h.engine.lockHolder(DeployTarget.lockKey("web", "prod"))).isEmpty();
    assertThat(h.watches.openWatches()).isZero();
  }

  @Test
  @DisplayName("a new pod in ImagePullBackOff past its grace period rolls the deploy back")
  void rollsBackOnImagePull() {
    // Given a deploy whose new pod cannot pull its image
    Run run = deployStartedWatching();
    ReplicaSet rs = k8s.observe("web");
    k8s.status("web", 1, 0, Optional.empty());
    String pod =
        k8s.pod(
                rs,
                "x1",
                Workloads.waiting(
                    "web", "ImagePullBackOff", "Back-off pulling image \"…/web:v1.2\""))
            .getMetadata()
            .getName();

    // When the grace period passes
    h.wakeUps.advance(Duration.ofSeconds(60));
    assertThat(h.run(run.id()).isRollingBack()).isFalse();
    h.wakeUps.advance(Duration.ofSeconds(75));

    // Then the recorded template is put back, without the hash label, and its rollout is watched
    Run rollingBack = h.run(run.id());
    assertThat(rollingBack.isRollingBack())
        .as("%s %s", rollingBack, h.engine.steps(run.id()))
        .isTrue();
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.1"));
    assertThat(k8s.templateLabels("web")).doesNotContainKey(PodTemplates.HASH_LABEL);
    assertThat(k8s.annotation("web", Revision.CHANGE_CAUSE_ANNOTATION))
        .isEqualTo("shipmate run " + run.id() + " by U1: roll back web to v1.1");
    assertThat(h.step(run.id(), "restore-template").status()).isEqualTo(StepStatus.RUNNING);

    // When the controller rolls back to the old ReplicaSet
    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    // Then the run is ROLLED_BACK, and its message names the Deployment, the pod and the reason
    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(done.message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("failed at watch-rollout")
                    .contains("rollout of Deployment web failed")
                    .contains(pod)
                    .contains("ImagePullBackOff")
                    .contains("Rolled back by restore-template"));
  }

  @Test
  @DisplayName("ProgressDeadlineExceeded fails the rollout and rolls back")
  void rollsBackOnDeadline() {
    Run run = deployStartedWatching();
    k8s.observe("web");

    k8s.deadlineExceeded("web");
    h.wakeUps.advance(Duration.ofSeconds(15));
    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(done.message())
        .hasValueSatisfying(m -> assertThat(m).contains("ProgressDeadlineExceeded"));
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.1"));
  }

  @Test
  @DisplayName("a rollout that outlasts the step's timeout fails with TIMEOUT and rolls back")
  void rollsBackOnTimeout() {
    Run run = deployStartedWatching();
    k8s.observe("web");
    k8s.status("web", 1, 1, Optional.empty());

    h.wakeUps.advance(Duration.ofMinutes(31));
    assertThat(h.run(run.id()).isRollingBack()).isTrue();
    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(done.failure())
        .hasValueSatisfying(f -> assertThat(f.kind().name()).isEqualTo("TIMEOUT"));
    assertThat(h.watches.openWatches()).isZero();
  }

  @Test
  @DisplayName("a service already at the version succeeds, skipping the rest, writing nothing")
  void alreadyDeployed() {
    Deployment before = k8s.settled("web", "v1.1", 3);

    Run run = h.deploy("v1.1");
    h.wakeUps.fireDue();

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.step(run.id(), "set-image").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(h.step(run.id(), "watch-rollout").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(h.step(run.id(), "set-image").progress())
        .hasValueSatisfying(p -> assertThat(p).contains("web is already at v1.1 in prod"));
    assertThat(k8s.deployment("web").getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
  }

  @Test
  @DisplayName(
      "--dry-run prints the plan, or that it is already there, or why not; it writes nothing")
  void preview() {
    Deployment before = k8s.settled("web", "v1.1", 3);
    DeployPreview preview = new DeployPreview(h.config, h.gateways);

    assertThat(preview.text(new DeployRequest("web", "v1.2", "prod")))
        .isEqualTo(
            "Deploy web v1.2 to prod:\n- web: registry.example.com/acme/web:v1.1 →"
                + " registry.example.com/acme/web:v1.2, 3 replicas, RollingUpdate (max surge 25%,"
                + " max unavailable 25%)");
    assertThat(preview.text(new DeployRequest("web", "v1.1", "prod")))
        .isEqualTo("web is already at v1.1 in prod: nothing to do.");
    assertThat(preview.text(new DeployRequest("wbe", "v1.2", "prod")))
        .startsWith("Cannot deploy wbe v1.2 to prod:\n- There is no service named 'wbe'; known:");
    assertThat(k8s.deployment("web").getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(h.engine.active()).isEmpty();
  }

  @Test
  @DisplayName("unknown names are refused before anything starts")
  void unknownNames() {
    DeployRequest request = new DeployRequest("web", "v1.2", "prdo");

    assertThat(h.deploy.problems(request))
        .containsExactly("There is no environment named 'prdo'; known: prod.");
    assertThat(h.engine.start(StartRequest.of("deploy", request, "U1")))
        .isEqualTo(
            new StartResult.Invalid(List.of("There is no environment named 'prdo'; known: prod.")));
    assertThat(h.engine.active()).isEmpty();
  }

  @Test
  @DisplayName("a second deploy or a rollback of the same service and environment is refused")
  void lockContention() {
    Run first = deployStartedWatching();

    StartResult second =
        h.engine.start(StartRequest.of("deploy", new DeployRequest("web", "v1.3", "prod"), "U2"));
    StartResult rollback =
        h.engine.start(
            StartRequest.of(
                "rollback", new RollbackRequest("web", "prod", Optional.empty()), "U2"));

    assertThat(second).isInstanceOf(StartResult.Refused.class);
    assertThat(((StartResult.Refused) second).userMessage())
        .contains("deploy:prod/web is busy: run " + first.id() + ", started by U1");
    assertThat(rollback).isInstanceOf(StartResult.Refused.class);
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.2"));
  }

  @Test
  @DisplayName("a deploy is refused while its cluster is being upgraded")
  void refusedDuringUpgrade() {
    k8s.settled("web", "v1.1", 3);
    Run upgrade = h.start(StartRequest.of("upgrade", new Upgrade("prod-eu"), "U9"));
    h.wakeUps.fireDue();

    StartResult result =
        h.engine.start(StartRequest.of("deploy", new DeployRequest("web", "v1.2", "prod"), "U1"));

    assertThat(result).isInstanceOf(StartResult.Refused.class);
    assertThat(((StartResult.Refused) result).userMessage())
        .contains("cluster:prod-eu is busy: run " + upgrade.id() + ", started by U9");
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.1"));
  }

  @Test
  @DisplayName("after a restart mid-rollout the run re-attaches to its watch and finishes once")
  void restartMidWatch() {
    Run run = deployStartedWatching();
    Deployment written = k8s.deployment("web");

    h.restart();
    h.wakeUps.fireDue();
    assertThat(h.watches.watchers(h.config.cluster("prod-eu").orElseThrow(), ref("web")))
        .containsExactly(run.id());
    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.finishedEvents(run.id())).isEqualTo(1);
    assertThat(h.step(run.id(), "set-image").attempts()).isEqualTo(1);
    assertThat(k8s.deployment("web").getMetadata().getGeneration())
        .isEqualTo(written.getMetadata().getGeneration());
  }

  @Test
  @DisplayName("a watch event wakes the run before its fallback poll")
  void watchWakesEarly() {
    Run run = deployStartedWatching();
    Instant now = h.clock.instant();
    assertThat(h.wakeUps.next(run.id())).contains(now.plusSeconds(15));

    k8s.observe("web");
    k8s.complete("web");
    Await.until(
        "the watch to wake the run", () -> h.wakeUps.next(run.id()).map(now::equals).orElse(false));
    h.wakeUps.fireDue();

    assertThat(h.clock.instant()).isEqualTo(now);
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  @DisplayName(
      "/deploy history lists the runs of the target newest first; /whats-deployed reads live")
  void historyAndWhatsDeployed() {
    Run first = deployStartedWatching();
    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));
    Run second = h.deploy("v1.2");
    h.wakeUps.fireDue();

    String history =
        DeployHistory.text(
            "web", "prod", h.engine.history(DeployHistory.target("web", "prod"), 10));
    String report = new WhatsDeployed(h.config, h.gateways).report("web").text();
    // Each run at its own start: the harness's clock starts at real time, so the second run,
    // 15 s later, may fall in the next minute.
    DateTimeFormatter minute =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    assertThat(history)
        .isEqualTo(
            "Last 2 runs of web in prod:\n"
                + second.id()
                + " · "
                + minute.format(second.createdAt())
                + " · deploy web v1.2 to prod · U1 · succeeded\n"
                + first.id()
                + " · "
                + minute.format(first.createdAt())
                + " · deploy web v1.2 to prod · U1 · succeeded");
    assertThat(report).isEqualTo("web:\n- prod: v1.2");
    assertThat(DeployHistory.text("api", "prod", List.of()))
        .isEqualTo("No deploys or rollbacks of api in prod yet.");
  }

  private DeploymentRef ref(String name) {
    return new DeploymentRef(h.namespace, name);
  }

  /** A cluster upgrade stand-in: holds cluster:NAME and waits. */
  record Upgrade(String cluster) {}

  private static Pipeline<Upgrade> upgrade() {
    return new Pipeline<>() {
      @Override
      public String type() {
        return "upgrade";
      }

      @Override
      public char idPrefix() {
        return 'u';
      }

      @Override
      public Class<Upgrade> paramsType() {
        return Upgrade.class;
      }

      @Override
      public LockKey lockKey(Upgrade params) {
        return LockKey.of("cluster", params.cluster());
      }

      @Override
      public List<Step<Upgrade>> steps() {
        return List.of(
            Step.define(
                "drain", ctx -> StepResult.running(Duration.ofMinutes(5), "draining node 1")));
      }
    };
  }
}
