package dev.shipmate.pipelines.kubernetes;

/** The Deployment a step works on is not (or no longer) there. */
public final class DeploymentNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DeploymentRef deployment;

  public DeploymentNotFoundException(DeploymentRef deployment) {
    super(
        "Deployment "
            + deployment.name()
            + " not found in namespace "
            + deployment.namespace()
            + ": it was deleted or renamed; check the service's deployments in the configuration");
    this.deployment = deployment;
  }

  public DeploymentRef deployment() {
    return deployment;
  }
}
