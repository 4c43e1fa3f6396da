package dev.shipmate.engine.support;

import java.util.Optional;

/** Parameters of the test pipelines: what a deploy would carry. */
public record DeployParams(String env, String service, String version, Optional<String> cluster) {
  public static DeployParams web(String version) {
    return new DeployParams("prod", "web", version, Optional.empty());
  }

  public DeployParams onCluster(String name) {
    return new DeployParams(env, service, version, Optional.of(name));
  }
}
