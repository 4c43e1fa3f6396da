package dev.shipmate.pipelines.preview;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether a preview's workloads are up, as {@link ReadinessJudge} sees them. */
public sealed interface Readiness {

  /** A line for the run card. */
  String text();

  /** Every Deployment of the preview (there may be none) has rolled out and is available. */
  record Ready(List<String> deployments) implements Readiness {
    public Ready {
      deployments = List.copyOf(deployments);
    }

    @Override
    public String text() {
      return deployments.isEmpty()
          ? "ready (no Deployments to wait for)"
          : "ready: " + String.join(", ", deployments) + " available";
    }
  }

  /**
   * Some Deployment is still rolling out, or paused.
   *
   * @param recheckBy when a pod now in trouble outlasts its grace period: check again by then
   */
  record Waiting(String text, Optional<Instant> recheckBy) implements Readiness {
    public Waiting {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(recheckBy, "recheckBy");
    }
  }

  /** A Deployment's rollout failed and will not recover by itself. */
  record Failed(String deployment, String reason, String detail) implements Readiness {
    public Failed {
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String text() {
      return deployment + ": " + detail;
    }
  }
}
