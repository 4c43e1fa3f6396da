package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import java.util.Comparator;

/**
 * The image of a version is the newest available one (by creation date) that EC2's DescribeImages
 * gives for the cluster's {@code asg.image}: its name pattern with {@code {version}} replaced, and
 * its owner, in the cluster's region. AWS publishes a new build of the EKS-optimized images every
 * few weeks under a new name; the newest is what {@code aws ec2 describe-images} and kops pick.
 */
final class DescribedNodeImages implements NodeImages {

  private static final Comparator<ImageGateway.MachineImage> NEWEST_LAST =
      Comparator.comparing(ImageGateway.MachineImage::creationDate)
          .thenComparing(ImageGateway.MachineImage::name)
          .thenComparing(ImageGateway.MachineImage::id);

  private final UpgradeGateways gateways;

  DescribedNodeImages(UpgradeGateways gateways) {
    this.gateways = gateways;
  }

  @Override
  public String imageFor(Cluster cluster, MinorVersion version) {
    Cluster.Asg asg =
        cluster.asg().orElseThrow(() -> new IllegalStateException(cluster.name() + " has no asg:"));
    String name = asg.image().nameFor(version.toString());
    String owner = asg.image().owner();
    return gateways.images(cluster).available(name, owner).stream()
        .max(NEWEST_LAST)
        .map(ImageGateway.MachineImage::id)
        .orElseThrow(
            () ->
                new UpgradeRefusedException(
                    "no available image named "
                        + name
                        + " owned by "
                        + owner
                        + " in "
                        + asg.region()
                        + " for Kubernetes "
                        + version
                        + "; build or share one, or set clusters."
                        + cluster.name()
                        + ".asg.image to the images your nodes start."));
  }
}
