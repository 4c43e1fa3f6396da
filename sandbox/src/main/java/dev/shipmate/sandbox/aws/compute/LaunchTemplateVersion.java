package dev.shipmate.sandbox.aws.compute;

import java.time.Instant;

/**
 * One version of an EC2 launch template: only what decides what a node runs.
 *
 * @param kubeletVersion what the image's kubelet reports, e.g. {@code v1.31.4}
 */
public record LaunchTemplateVersion(
    String templateId,
    String templateName,
    long number,
    String description,
    String imageId,
    String instanceType,
    String kubeletVersion,
    Instant createTime) {}
