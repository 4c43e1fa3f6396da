package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Cluster;
import dev.shipmate.config.Environment;
import dev.shipmate.config.Service;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import java.util.List;
import java.util.Objects;

/** A service in an environment, with the cluster that environment lives on: what a run acts on. */
public record DeployTarget(Service service, Environment environment, Cluster cluster) {
  public DeployTarget {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(cluster, "cluster");
  }

  /**
   * The lock a deploy or rollback of a service in an environment holds: {@code deploy:prod/web}.
   */
  public static LockKey lockKey(String service, String environment) {
    return LockKey.of("deploy", environment + "/" + service);
  }

  /** The lock an upgrade of the cluster holds; deploys are refused while it is held. */
  public LockKey clusterLock() {
    return LockKey.of("cluster", cluster.name());
  }

  /** The service's Deployments in the environment's namespace. */
  public List<DeploymentRef> deployments() {
    return service.deployments().stream()
        .map(name -> new DeploymentRef(environment.namespace(), name))
        .toList();
  }
}
