package dev.shipmate.pipelines.kubernetes;

/** A watch on a Deployment and its pods; closing it stops the callbacks. */
public interface DeploymentWatch extends AutoCloseable {
  @Override
  void close();
}
