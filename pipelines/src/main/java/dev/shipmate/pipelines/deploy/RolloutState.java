package dev.shipmate.pipelines.deploy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a rollout stands, as {@link RolloutJudge} sees it. Every state says so in {@link #text()}.
 */
public sealed interface RolloutState {

  /** A line for the run card: {@code 6/10 updated, 4 available}. */
  String text();

  /** Every replica runs the new template and is available; no old replica is left. */
  record Complete(int replicas, String text) implements RolloutState {}

  /**
   * Still going.
   *
   * @param recheckBy when a new pod now in trouble would outlast its grace period: nothing in the
   *     cluster changes at that moment to wake the run, so check again by then
   */
  record Progressing(
      int updated, int available, int replicas, String text, Optional<Instant> recheckBy)
      implements RolloutState {
    public Progressing {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(recheckBy, "recheckBy");
    }
  }

  /**
   * The Deployment is paused ({@code spec.paused}) before the rollout completed: nothing moves
   * until someone resumes it, and Kubernetes does not count the progress deadline meanwhile.
   */
  record Paused(int updated, int available, int replicas, String text) implements RolloutState {}

  /**
   * The rollout failed and will not recover by itself.
   *
   * @param reason Kubernetes' word for it: {@code ProgressDeadlineExceeded}, {@code
   *     ImagePullBackOff}, {@code CrashLoopBackOff}, …
   * @param podName the new pod that shows it, when one does
   * @param detail what happened, in a sentence
   */
  record Failed(String reason, Optional<String> podName, String detail) implements RolloutState {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(podName, "podName");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String text() {
      return detail;
    }
  }
}
