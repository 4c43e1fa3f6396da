package dev.shipmate.pipelines.deploy;

import java.util.Objects;

/**
 * The parameters of a {@code deploy} run, stored as JSON with the run: which service, which version
 * (the image tag), to which environment. Who asked is the run's requester.
 */
public record DeployRequest(String service, String version, String environment) {
  public DeployRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(environment, "environment");
  }
}
