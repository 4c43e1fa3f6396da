package dev.shipmate.pipelines.upgrade;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;

/**
 * Self-managed node groups through Auto Scaling and EC2 (AWS SDK v2, synchronous clients): read a
 * group, give it a new launch template version, terminate an instance so that the group replaces
 * it.
 */
public final class AutoScalingGateway {

  private final AutoScalingClient autoScaling;
  private final Ec2Client ec2;

  public AutoScalingGateway(AutoScalingClient autoScaling, Ec2Client ec2) {
    this.autoScaling = autoScaling;
    this.ec2 = ec2;
  }

  /**
   * @throws UpgradeRefusedException when there is no such group
   */
  public AsgGroup group(String name) {
    AutoScalingGroup group =
        autoScaling
            .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
            .autoScalingGroups()
            .stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new UpgradeRefusedException(
                        "there is no Auto Scaling group "
                            + name
                            + ": correct the group's name in the cluster's asg.groups."));
    LaunchTemplateSpecification template = group.launchTemplate();
    if (template == null) {
      throw new UpgradeRefusedException(
          "Auto Scaling group "
              + name
              + " uses no launch template (a launch configuration, or a mixed instances policy):"
              + " Shipmate upgrades groups with a launch template only.");
    }
    return new AsgGroup(
        group.autoScalingGroupName(),
        template.launchTemplateId(),
        template.version() == null ? "$Default" : template.version(),
        group.minSize(),
        group.maxSize(),
        group.desiredCapacity(),
        group.instances().stream()
            .map(i -> new AsgGroup.AsgInstance(i.instanceId(), i.lifecycleStateAsString()))
            .toList());
  }

  /** The image a version of a launch template starts ({@code $Latest}, {@code 3} …). */
  public String imageOf(String templateId, String version) {
    return templateVersion(templateId, version).launchTemplateData().imageId();
  }

  /** The number of a version ({@code $Latest} → 4). */
  public long versionNumber(String templateId, String version) {
    return templateVersion(templateId, version).versionNumber();
  }

  /** A new version of the template, from {@code sourceVersion}, starting {@code imageId}. */
  public long createTemplateVersion(
      String templateId, String sourceVersion, String imageId, String description) {
    return ec2.createLaunchTemplateVersion(
            r ->
                r.launchTemplateId(templateId)
                    .sourceVersion(sourceVersion)
                    .versionDescription(description)
                    .launchTemplateData(
                        RequestLaunchTemplateData.builder().imageId(imageId).build()))
        .launchTemplateVersion()
        .versionNumber();
  }

  /** Points the group at a version of its template: instances it launches from now on use it. */
  public void useTemplateVersion(String group, String templateId, long version) {
    autoScaling.updateAutoScalingGroup(
        r ->
            r.autoScalingGroupName(group)
                .launchTemplate(
                    LaunchTemplateSpecification.builder()
                        .launchTemplateId(templateId)
                        .version(Long.toString(version))
                        .build()));
  }

  /**
   * Terminates the instance without lowering the group's desired capacity, so that the group
   * launches a replacement.
   *
   * @return false when the group no longer has it (already terminated)
   */
  public boolean terminateAndReplace(String instanceId) {
    try {
      autoScaling.terminateInstanceInAutoScalingGroup(
          r -> r.instanceId(instanceId).shouldDecrementDesiredCapacity(false));
      return true;
    } catch (AutoScalingException e) {
      if (e.awsErrorDetails() != null
          && "ValidationError".equals(e.awsErrorDetails().errorCode())
          && e.awsErrorDetails().errorMessage() != null
          && e.awsErrorDetails().errorMessage().contains("not found")) {
        return false;
      }
      throw e;
    }
  }

  /** When EC2 launched the instance. */
  public Optional<Instant> launchTime(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
        .flatMap(r -> r.instances().stream())
        .map(Instance::launchTime)
        .findFirst();
  }

  private LaunchTemplateVersion templateVersion(String templateId, String version) {
    return ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId).versions(version))
        .launchTemplateVersions()
        .get(0);
  }
}
