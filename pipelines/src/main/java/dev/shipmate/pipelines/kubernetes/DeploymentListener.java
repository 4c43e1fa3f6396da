package dev.shipmate.pipelines.kubernetes;

/**
 * Told that something about a watched Deployment changed: the Deployment, one of its ReplicaSets or
 * one of their pods. It carries no detail on purpose: the run it wakes reads the whole state again
 * and judges that. Called on a client thread: return quickly.
 */
@FunctionalInterface
public interface DeploymentListener {
  void changed();
}
