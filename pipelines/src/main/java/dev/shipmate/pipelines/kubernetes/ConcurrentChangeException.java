package dev.shipmate.pipelines.kubernetes;

/**
 * A write was refused because the Deployment changed after Shipmate read it (its resourceVersion
 * moved on): someone or something else is changing it. Nothing was written; read it again and
 * decide afresh.
 */
public final class ConcurrentChangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DeploymentRef deployment;

  public ConcurrentChangeException(DeploymentRef deployment, String expected, String actual) {
    super(
        "Deployment "
            + deployment
            + " changed while Shipmate was working on it (resourceVersion "
            + expected
            + " became "
            + actual
            + "): nothing was written; check who else is changing it and try again");
    this.deployment = deployment;
  }

  public DeploymentRef deployment() {
    return deployment;
  }
}
