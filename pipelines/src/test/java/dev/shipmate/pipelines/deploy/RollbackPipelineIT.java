package dev.shipmate.pipelines.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import dev.shipmate.pipelines.kubernetes.Revision;
import dev.shipmate.pipelines.kubernetes.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollback pipeline on the real engine against fabric8's CRUD mock server. */
@EnableKubernetesMockClient(crud = true, https = false)
class RollbackPipelineIT {
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
    h = new DeployHarness(database, client, "rollback" + NAMESPACES.incrementAndGet());
    k8s = h.cluster;
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /** web: revision 1 ran v1.0, revision 2 v1.1, revision 3 (now) v1.2. */
  private void webWithHistory() {
    k8s.settled("web", "v1.0", 2);
    k8s.deployedBefore("web", "v1.1");
    k8s.deployedBefore("web", "v1.2");
  }

  private Run rollback(Optional<String> to) {
    return h.start(StartRequest.of("rollback", new RollbackRequest("web", "prod", to), "U1"));
  }

  @Test
  @DisplayName("/rollback web prod goes back to the previous revision and watches it")
  void toPrevious() {
    webWithHistory();

    Run run = rollback(Optional.empty());
    h.wakeUps.fireDue();

    assertThat(run.id().value()).startsWith("r-");
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.1"));
    assertThat(k8s.templateLabels("web")).doesNotContainKey(PodTemplates.HASH_LABEL);
    assertThat(k8s.annotation("web", Revision.CHANGE_CAUSE_ANNOTATION))
        .isEqualTo("shipmate run " + run.id() + " by U1: roll back web to the previous revision");
    assertThat(h.step(run.id(), "watch-rollout").status()).isEqualTo(StepStatus.RUNNING);

    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.message()).contains(run.id() + " succeeded: roll back web in prod.");
    assertThat(Revision.of(k8s.newest("web")).orElseThrow().imageOf("web"))
        .contains(Workloads.image("v1.1"));
  }

  @Test
  @DisplayName("/rollback web prod to v1.0 goes back to the newest revision that ran v1.0")
  void toVersion() {
    webWithHistory();

    Run run = rollback(Optional.of("v1.0"));
    h.wakeUps.fireDue();
    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.0"));
    assertThat(k8s.annotation("web", Revision.CHANGE_CAUSE_ANNOTATION))
        .isEqualTo("shipmate run " + run.id() + " by U1: roll back web to v1.0");
  }

  @Test
  @DisplayName("a version no kept revision ran is the requester's error, and nothing is written")
  void unknownVersion() {
    webWithHistory();
    String before = k8s.deployment("web").getMetadata().getResourceVersion();

    Run run = rollback(Optional.of("v0.9"));
    h.wakeUps.fireDue();

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.failure())
        .hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(FailureKind.USER));
    assertThat(done.message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("No kept revision of Deployment web")
                    .contains("Kept revisions: 1 (v1.0), 2 (v1.1), 3 (v1.2)")
                    .contains("Nothing needed undoing"));
    assertThat(k8s.deployment("web").getMetadata().getResourceVersion()).isEqualTo(before);
  }

  @Test
  @DisplayName("a Deployment with no earlier revision has nothing to roll back to")
  void nothingToRollBackTo() {
    k8s.settled("web", "v1.0", 2);

    Run run = rollback(Optional.empty());
    h.wakeUps.fireDue();

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.FAILED);
    assertThat(h.run(run.id()).message())
        .hasValueSatisfying(m -> assertThat(m).contains("has no earlier revision to roll back to"));
  }

  @Test
  @DisplayName("a rollback whose rollout fails puts back what it replaced")
  void failedRollbackIsUndone() {
    webWithHistory();
    Run run = rollback(Optional.empty());
    h.wakeUps.fireDue();

    k8s.observe("web");
    k8s.deadlineExceeded("web");
    h.wakeUps.advance(Duration.ofSeconds(15));
    k8s.observe("web");
    k8s.complete("web");
    h.wakeUps.advance(Duration.ofSeconds(15));

    Run done = h.run(run.id());
    assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(done.message())
        .hasValueSatisfying(m -> assertThat(m).contains("Rolled back by undo-restore"));
    assertThat(k8s.image("web")).isEqualTo(Workloads.image("v1.2"));
  }
}
