package dev.shipmate.sandbox.aws.compute;

import java.util.List;

/**
 * An Auto Scaling group as DescribeAutoScalingGroups sees it.
 *
 * @param launchTemplate the version new instances get
 * @param launchTemplateVersion as the group names it: a number, {@code $Latest} or {@code $Default}
 * @param instances its instances that are not terminated
 */
public record GroupView(
    String name,
    LaunchTemplateVersion launchTemplate,
    String launchTemplateVersion,
    int minSize,
    int maxSize,
    int desiredCapacity,
    List<Instance> instances) {

  public GroupView {
    instances = List.copyOf(instances);
  }
}
