package dev.shipmate.sandbox.aws.compute;

import java.time.Instant;

/**
 * An EC2 instance of an Auto Scaling group and, once it has joined, a Node of its cluster.
 *
 * @param state EC2's {@code pending}, {@code running}, {@code terminated}
 * @param lifecycleState Auto Scaling's {@code Pending}, {@code InService}, {@code Terminated}
 * @param nodeName the Node it registers as, e.g. {@code ip-10-0-1-12.eu-west-1.compute.internal}
 */
public record Instance(
    String id,
    String groupName,
    String availabilityZone,
    String privateIp,
    String nodeName,
    LaunchTemplateVersion launchTemplate,
    String state,
    String lifecycleState,
    Instant launchTime) {

  public String providerId() {
    return "aws:///" + availabilityZone + "/" + id;
  }

  public int stateCode() {
    return switch (state) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      default -> 80;
    };
  }

  Instance with(String newState, String newLifecycleState) {
    return new Instance(
        id,
        groupName,
        availabilityZone,
        privateIp,
        nodeName,
        launchTemplate,
        newState,
        newLifecycleState,
        launchTime);
  }

  public boolean live() {
    return !"terminated".equals(state);
  }
}
