package dev.shipmate.pipelines.deploy;

import dev.shipmate.pipelines.deploy.RolloutState.Complete;
import dev.shipmate.pipelines.deploy.RolloutState.Failed;
import dev.shipmate.pipelines.deploy.RolloutState.Paused;
import dev.shipmate.pipelines.deploy.RolloutState.Progressing;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.Timestamps;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a rollout from one {@link DeploymentSnapshot}, the way {@code kubectl rollout status}
 * does, and fails it early when its new pods cannot start. Pure: the same snapshot and the same
 * clock give the same state, so a step can judge again whenever a watch wakes it.
 *
 * <p>The rules, in the order they apply:
 *
 * <ol>
 *   <li><b>Not yet observed.</b> While {@code status.observedGeneration < metadata.generation} the
 *       Deployment controller has not seen the change yet, and its status describes the previous
 *       spec: {@link Progressing}, whatever the counts say.
 *   <li><b>Deadline.</b> When the {@code Progressing} condition's reason is {@code
 *       ProgressDeadlineExceeded} (the controller saw no progress for {@code
 *       progressDeadlineSeconds}, 600 by default): {@link Failed} with that reason, naming a new
 *       pod in trouble if there is one. Kubernetes itself never rolls back.
 *   <li><b>New pods that cannot start.</b> A pod of the <em>new</em> ReplicaSet (the one whose
 *       template is the Deployment's, told by its {@code pod-template-hash}) with a container or
 *       init container waiting with reason {@code ImagePullBackOff}, {@code ErrImagePull}, {@code
 *       InvalidImageName}, {@code CrashLoopBackOff} or {@code CreateContainerConfigError} for the
 *       grace period or longer: {@link Failed} with that reason, the pod, the container and the
 *       kubelet's message. Pods of old ReplicaSets and pods being deleted are not judged. The time
 *       in trouble is counted from the pod's creation; for the image reasons, from the end of the
 *       container's last run when it has run before (a restart that now cannot pull its image
 *       started its trouble then). The API records no start time for a waiting state, so these are
 *       the nearest instants it does record. While a pod is still within its grace period the
 *       rollout is {@link Progressing}, with its trouble in the text and {@code recheckBy} set to
 *       when the grace period runs out.
 *   <li><b>Done</b>, as {@code kubectl rollout status}: {@code status.updatedReplicas >=
 *       spec.replicas} (every replica runs the new template), {@code status.replicas <=
 *       status.updatedReplicas} (no old replica left) and {@code status.availableReplicas >=
 *       status.updatedReplicas} (all of them available): {@link Complete}. An unset {@code
 *       spec.replicas} counts as 1, the API server's default.
 *   <li><b>Paused.</b> Not done and {@code spec.paused}: {@link Paused}: nothing will move until
 *       someone resumes it.
 *   <li>Otherwise {@link Progressing}, with the text {@code 6/10 updated, 4 available}, plus {@code
 *       , 2 old pending termination} once every replica is updated but old ones remain.
 * </ol>
 */
public final class RolloutJudge {
  /** How long a new pod may be in trouble before the rollout fails, unless configured. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(2);

  /** The Progressing condition's reason when the progress deadline passed. */
  public static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  private static final Set<String> IMAGE_REASONS =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");
  private static final Set<String> START_REASONS =
      Set.of("CrashLoopBackOff", "CreateContainerConfigError");

  private final Clock clock;
  private final Duration gracePeriod;

  public RolloutJudge(Clock clock, Duration gracePeriod) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("a grace period cannot be negative: " + gracePeriod);
    }
  }

  public RolloutState judge(DeploymentSnapshot snapshot) {
    Deployment deployment = snapshot.deployment();
    DeploymentStatus status =
        Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
    int replicas = DeployPlan.replicas(deployment);
    int updated = count(status.getUpdatedReplicas());
    int available = count(status.getAvailableReplicas());
    int total = count(status.getReplicas());
    Instant now = clock.instant();

    long generation = value(deployment.getMetadata().getGeneration());
    long observed = value(status.getObservedGeneration());
    if (observed < generation) {
      return new Progressing(
          updated,
          available,
          replicas,
          "waiting for Kubernetes to take up the change (generation "
              + generation
              + ", observed "
              + observed
              + ")",
          Optional.empty());
    }

    List<Trouble> troubles = troubles(snapshot.newPods(), now);
    Optional<DeploymentCondition> deadline =
        condition(status, "Progressing").filter(c -> DEADLINE_EXCEEDED.equals(c.getReason()));
    if (deadline.isPresent()) {
      Optional<Trouble> worst = troubles.stream().findFirst();
      String detail =
          "Deployment "
              + deployment.getMetadata().getName()
              + " made no progress within its deadline ("
              + progressDeadline(deployment)
              + "s)"
              + Optional.ofNullable(deadline.get().getMessage()).map(m -> ": " + m).orElse("")
              + worst.map(t -> "; " + t.describe(now)).orElse("");
      return new Failed(DEADLINE_EXCEEDED, worst.map(Trouble::pod), detail);
    }

    Optional<Trouble> expired =
        troubles.stream().filter(t -> !t.since().plus(gracePeriod).isAfter(now)).findFirst();
    if (expired.isPresent()) {
      Trouble trouble = expired.get();
      return new Failed(trouble.reason(), Optional.of(trouble.pod()), trouble.describe(now));
    }

    String counts = updated + "/" + replicas + " updated, " + available + " available";
    if (updated >= replicas && total <= updated && available >= updated) {
      return new Complete(replicas, counts);
    }
    String text =
        counts
            + (updated >= replicas && total > updated
                ? ", " + (total - updated) + " old pending termination"
                : "")
            + troubles.stream().findFirst().map(t -> "; " + t.describe(now)).orElse("");
    if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
      return new Paused(updated, available, replicas, "paused at " + text);
    }
    Optional<Instant> recheckBy =
        troubles.stream().map(t -> t.since().plus(gracePeriod)).min(Comparator.naturalOrder());
    return new Progressing(updated, available, replicas, text, recheckBy);
  }

  /** New pods in trouble, the longest-troubled first. */
  private List<Trouble> troubles(List<Pod> newPods, Instant now) {
    List<Trouble> troubles = new ArrayList<>();
    for (Pod pod : newPods) {
      if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null) {
        continue;
      }
      Instant created = Timestamps.parse(pod.getMetadata().getCreationTimestamp()).orElse(now);
      List<ContainerStatus> statuses = new ArrayList<>();
      statuses.addAll(
          Objects.requireNonNullElse(pod.getStatus().getInitContainerStatuses(), List.of()));
      statuses.addAll(
          Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.of()));
      statuses.stream()
          .map(s -> trouble(pod, s, created))
          .flatMap(Optional::stream)
          .findFirst()
          .ifPresent(troubles::add);
    }
    troubles.sort(Comparator.comparing(Trouble::since).thenComparing(Trouble::pod));
    return troubles;
  }

  private static Optional<Trouble> trouble(Pod pod, ContainerStatus status, Instant created) {
    ContainerStateWaiting waiting =
        status.getState() == null ? null : status.getState().getWaiting();
    if (waiting == null || waiting.getReason() == null) {
      return Optional.empty();
    }
    String reason = waiting.getReason();
    Instant since = created;
    if (IMAGE_REASONS.contains(reason)) {
      Optional<Instant> lastRunEnded = lastRunEnded(status);
      if (lastRunEnded.isPresent() && lastRunEnded.get().isAfter(created)) {
        since = lastRunEnded.get();
      }
    } else if (!START_REASONS.contains(reason)) {
      return Optional.empty();
    }
    return Optional.of(
        new Trouble(
            pod.getMetadata().getName(),
            status.getName(),
            reason,
            Optional.ofNullable(waiting.getMessage()),
            since));
  }

  private static Optional<Instant> lastRunEnded(ContainerStatus status) {
    if (status.getLastState() == null) {
      return Optional.empty();
    }
    ContainerStateTerminated terminated = status.getLastState().getTerminated();
    return terminated == null ? Optional.empty() : Timestamps.parse(terminated.getFinishedAt());
  }

  private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type) {
    return Objects.requireNonNullElse(status.getConditions(), List.<DeploymentCondition>of())
        .stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  private static int progressDeadline(Deployment deployment) {
    Integer seconds = deployment.getSpec().getProgressDeadlineSeconds();
    return seconds == null ? 600 : seconds;
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }

  private static long value(Long value) {
    return value == null ? 0 : value;
  }

  /** A new pod with a container stuck in a waiting state that does not end by itself. */
  private record Trouble(
      String pod, String container, String reason, Optional<String> message, Instant since) {
    String describe(Instant now) {
      return "pod "
          + pod
          + ", container "
          + container
          + ": "
          + reason
          + " for "
          + Elapsed.brief(Duration.between(since, now))
          + message.map(m -> " (" + m + ")").orElse("");
    }
  }
}
