package dev.shipmate.pipelines.deploy;

import static dev.shipmate.pipelines.kubernetes.Workloads.T0;
import static dev.shipmate.pipelines.kubernetes.Workloads.copy;
import static dev.shipmate.pipelines.kubernetes.Workloads.deployment;
import static dev.shipmate.pipelines.kubernetes.Workloads.image;
import static dev.shipmate.pipelines.kubernetes.Workloads.pod;
import static dev.shipmate.pipelines.kubernetes.Workloads.replicaSet;
import static dev.shipmate.pipelines.kubernetes.Workloads.running;
import static dev.shipmate.pipelines.kubernetes.Workloads.waiting;
import static dev.shipmate.pipelines.kubernetes.Workloads.withImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.pipelines.deploy.RolloutState.Complete;
import dev.shipmate.pipelines.deploy.RolloutState.Failed;
import dev.shipmate.pipelines.deploy.RolloutState.Paused;
import dev.shipmate.pipelines.deploy.RolloutState.Progressing;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RolloutJudgeTest {
  private static final Instant NOW = T0.plus(Duration.ofMinutes(10));
  private static final Duration GRACE = Duration.ofMinutes(2);
  private final RolloutJudge judge = new RolloutJudge(Clock.fixed(NOW, ZoneOffset.UTC), GRACE);

  private final Deployment v11 = deployment("web", image("v1.1"), 10);
  private final ReplicaSet oldSet = replicaSet(v11, 1, 4);
  private final Deployment v12 = withImage(v11, image("v1.2"), 2);
  private final ReplicaSet newSet = replicaSet(v12, 2, 6);

  /** web set to v1.2 (generation 2), observed, with these counts. */
  private Deployment observed(int updated, int available, int total) {
    Deployment deployment = copy(v12);
    deployment.getStatus().setObservedGeneration(2L);
    deployment.getStatus().setUpdatedReplicas(updated);
    deployment.getStatus().setAvailableReplicas(available);
    deployment.getStatus().setReplicas(total);
    return deployment;
  }

  private DeploymentSnapshot snapshot(Deployment deployment, Pod... pods) {
    return new DeploymentSnapshot(deployment, List.of(oldSet, newSet), List.of(pods));
  }

  private static Deployment deadlineExceeded(Deployment deployment) {
    deployment
        .getStatus()
        .getConditions()
        .add(
            new DeploymentConditionBuilder()
                .withType("Progressing")
                .withStatus("False")
                .withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"web-h2\" has timed out progressing.")
                .build());
    return deployment;
  }

  @Nested
  @DisplayName("as kubectl rollout status")
  class AsKubectl {
    @Test
    @DisplayName("complete when every replica is updated and available and no old one is left")
    void complete() {
      RolloutState state = judge.judge(snapshot(observed(10, 10, 10)));

      assertThat(state).isEqualTo(new Complete(10, "10/10 updated, 10 available"));
    }

    @Test
    @DisplayName("until the controller observed the new generation, the counts mean nothing")
    void notObserved() {
      // Given v1.2 set (generation 2) but the status still of generation 1, all 10 at v1.1
      RolloutState state = judge.judge(snapshot(v12));

      assertThat(state)
          .isEqualTo(
              new Progressing(
                  10,
                  10,
                  10,
                  "waiting for Kubernetes to take up the change (generation 2, observed 1)",
                  Optional.empty()));
    }

    @Test
    @DisplayName(
        "progressing while fewer replicas than wanted are updated: 6/10 updated, 4 available")
    void updating() {
      RolloutState state = judge.judge(snapshot(observed(6, 4, 10)));

      assertThat(state)
          .isEqualTo(new Progressing(6, 4, 10, "6/10 updated, 4 available", Optional.empty()));
    }

    @Test
    @DisplayName("progressing while old replicas are pending termination")
    void oldReplicasLeft() {
      RolloutState state = judge.judge(snapshot(observed(10, 10, 12)));

      assertThat(state)
          .isEqualTo(
              new Progressing(
                  10,
                  10,
                  10,
                  "10/10 updated, 10 available, 2 old pending termination",
                  Optional.empty()));
    }

    @Test
    @DisplayName("progressing while updated replicas are not all available")
    void notAvailable() {
      RolloutState state = judge.judge(snapshot(observed(10, 7, 10)));

      assertThat(state).isInstanceOf(Progressing.class);
      assertThat(state.text()).isEqualTo("10/10 updated, 7 available");
    }

    @Test
    @DisplayName("failed when the Progressing condition says ProgressDeadlineExceeded")
    void deadline() {
      RolloutState state = judge.judge(snapshot(deadlineExceeded(observed(3, 0, 10))));

      assertThat(state)
          .isEqualTo(
              new Failed(
                  "ProgressDeadlineExceeded",
                  Optional.empty(),
                  "Deployment web made no progress within its deadline (600s): ReplicaSet"
                      + " \"web-h2\" has timed out progressing."));
    }

    @Test
    @DisplayName("a deadline exceeded before the new generation was observed is not judged yet")
    void deadlineOfOldGeneration() {
      Deployment stale = deadlineExceeded(copy(v12));

      assertThat(judge.judge(snapshot(stale))).isInstanceOf(Progressing.class);
    }

    @Test
    @DisplayName("unset spec.replicas counts as the API's default of 1")
    void defaultReplicas() {
      Deployment one = observed(1, 1, 1);
      one.getSpec().setReplicas(null);

      assertThat(judge.judge(snapshot(one))).isEqualTo(new Complete(1, "1/1 updated, 1 available"));
    }
  }

  @Nested
  @DisplayName("new pods that cannot start")
  class Troubles {
    private final Pod pulling =
        pod(
            newSet,
            "a",
            NOW.minus(Duration.ofMinutes(3)),
            waiting("web", "ImagePullBackOff", "Back-off pulling image \"…/web:v1.2\""));

    @Test
    @DisplayName(
        "within the grace period: still progressing, saying which pod, and when to look again")
    void withinGrace() {
      Pod fresh =
          pod(newSet, "b", NOW.minusSeconds(40), waiting("web", "ErrImagePull", "not found"));

      RolloutState state = judge.judge(snapshot(observed(1, 0, 10), fresh));

      assertThat(state)
          .isEqualTo(
              new Progressing(
                  1,
                  0,
                  10,
                  "1/10 updated, 0 available; pod web-h2-b, container web: ErrImagePull for 40s"
                      + " (not found)",
                  Optional.of(NOW.plusSeconds(80))));
    }

    @Test
    @DisplayName("beyond the grace period: failed, naming the pod, the container and the reason")
    void beyondGrace() {
      RolloutState state = judge.judge(snapshot(observed(1, 0, 10), pulling));

      assertThat(state)
          .isEqualTo(
              new Failed(
                  "ImagePullBackOff",
                  Optional.of("web-h2-a"),
                  "pod web-h2-a, container web: ImagePullBackOff for 3m (Back-off pulling image"
                      + " \"…/web:v1.2\")"));
    }

    @Test
    @DisplayName("a crash loop counts from the pod's creation, however recent the last crash")
    void crashLoopFromCreation() {
      ContainerStatus crashing =
          new ContainerStatusBuilder(waiting("web", "CrashLoopBackOff", "back-off 40s"))
              .withRestartCount(4)
              .withNewLastState()
              .withNewTerminated()
              .withExitCode(1)
              .withFinishedAt(NOW.minusSeconds(5).toString())
              .endTerminated()
              .endLastState()
              .build();
      Pod pod = pod(newSet, "c", NOW.minus(Duration.ofMinutes(5)), crashing);

      RolloutState state = judge.judge(snapshot(observed(1, 0, 10), pod));

      assertThat(state).isInstanceOf(Failed.class);
      assertThat(((Failed) state).reason()).isEqualTo("CrashLoopBackOff");
      assertThat(((Failed) state).podName()).contains("web-h2-c");
    }

    @Test
    @DisplayName("an image pull after an earlier run counts from the end of that run")
    void pullAfterRestart() {
      ContainerStatus repulling =
          new ContainerStatusBuilder(waiting("web", "ImagePullBackOff", "registry unavailable"))
              .withNewLastState()
              .withNewTerminated()
              .withExitCode(137)
              .withFinishedAt(NOW.minusSeconds(30).toString())
              .endTerminated()
              .endLastState()
              .build();
      Pod pod = pod(newSet, "d", NOW.minus(Duration.ofMinutes(9)), repulling);

      RolloutState state = judge.judge(snapshot(observed(1, 0, 10), pod));

      assertThat(state).isInstanceOf(Progressing.class);
      assertThat(((Progressing) state).recheckBy()).contains(NOW.plusSeconds(90));
    }

    @Test
    @DisplayName("an init container that cannot start counts too")
    void initContainer() {
      Pod pod = pod(newSet, "e", NOW.minus(Duration.ofMinutes(4)), running("web"));
      pod.getStatus()
          .setInitContainerStatuses(
              List.of(waiting("migrate", "CreateContainerConfigError", "secret \"db\" not found")));

      RolloutState state = judge.judge(snapshot(observed(1, 0, 10), pod));

      assertThat(state)
          .isEqualTo(
              new Failed(
                  "CreateContainerConfigError",
                  Optional.of("web-h2-e"),
                  "pod web-h2-e, container migrate: CreateContainerConfigError for 4m (secret"
                      + " \"db\" not found)"));
    }

    @Test
    @DisplayName("pods of old ReplicaSets, pods being deleted and ordinary waits are not judged")
    void notJudged() {
      Pod oldCrashing = pod(oldSet, "x", T0, waiting("web", "CrashLoopBackOff", "back-off 5m"));
      Pod deleting = copy(pulling);
      deleting.getMetadata().setDeletionTimestamp(NOW.toString());
      Pod creating =
          pod(
              newSet,
              "f",
              NOW.minus(Duration.ofMinutes(5)),
              waiting("web", "ContainerCreating", null));

      RolloutState state =
          judge.judge(snapshot(observed(6, 4, 10), oldCrashing, deleting, creating));

      assertThat(state)
          .isEqualTo(new Progressing(6, 4, 10, "6/10 updated, 4 available", Optional.empty()));
    }

    @Test
    @DisplayName("of several pods in trouble, the one in trouble longest is named")
    void longestFirst() {
      Pod later =
          pod(newSet, "a0", NOW.minus(Duration.ofMinutes(3)), waiting("web", "ErrImagePull", "x"));
      Pod earlier =
          pod(newSet, "z9", NOW.minus(Duration.ofMinutes(8)), waiting("web", "ErrImagePull", "x"));

      RolloutState state = judge.judge(snapshot(observed(2, 0, 10), later, earlier));

      assertThat(((Failed) state).podName()).contains("web-h2-z9");
    }

    @Test
    @DisplayName("a deadline exceeded names a new pod in trouble, even within its grace period")
    void deadlineNamesPod() {
      Pod fresh =
          pod(newSet, "g", NOW.minusSeconds(10), waiting("web", "CrashLoopBackOff", "back-off"));

      RolloutState state = judge.judge(snapshot(deadlineExceeded(observed(1, 0, 10)), fresh));

      assertThat(state).isInstanceOf(Failed.class);
      Failed failed = (Failed) state;
      assertThat(failed.reason()).isEqualTo("ProgressDeadlineExceeded");
      assertThat(failed.podName()).contains("web-h2-g");
      assertThat(failed.detail())
          .endsWith("; pod web-h2-g, container web: CrashLoopBackOff for 10s (back-off)");
    }

    @Test
    @DisplayName("a zero grace period fails at the first sight of trouble")
    void zeroGrace() {
      RolloutJudge impatient = new RolloutJudge(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);
      Pod now = pod(newSet, "h", NOW, waiting("web", "InvalidImageName", "bad ref"));

      assertThat(impatient.judge(snapshot(observed(1, 0, 10), now))).isInstanceOf(Failed.class);
    }
  }

  @Nested
  @DisplayName("paused Deployments")
  class PausedDeployments {
    @Test
    @DisplayName("a paused rollout that is not done is Paused, not Progressing")
    void paused() {
      Deployment deployment = observed(6, 6, 10);
      deployment.getSpec().setPaused(true);

      assertThat(judge.judge(snapshot(deployment)))
          .isEqualTo(new Paused(6, 6, 10, "paused at 6/10 updated, 6 available"));
    }

    @Test
    @DisplayName("a paused Deployment whose rollout is done is Complete")
    void pausedButDone() {
      Deployment deployment = observed(10, 10, 10);
      deployment.getSpec().setPaused(true);

      assertThat(judge.judge(snapshot(deployment))).isInstanceOf(Complete.class);
    }
  }
}
