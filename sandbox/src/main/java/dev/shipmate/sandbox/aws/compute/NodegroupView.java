package dev.shipmate.sandbox.aws.compute;

import java.time.Instant;

/**
 * An EKS managed node group as DescribeNodegroup answers it.
 *
 * @param version the minor version its nodes were last updated to, e.g. {@code 1.31}
 * @param releaseVersion the kubelet version new nodes get, e.g. {@code 1.31.4}
 * @param status {@code ACTIVE} or {@code UPDATING}
 * @param autoScalingGroup the Auto Scaling group behind it
 */
public record NodegroupView(
    String name,
    String clusterName,
    String version,
    String releaseVersion,
    String status,
    int minSize,
    int maxSize,
    int desiredSize,
    String autoScalingGroup,
    LaunchTemplateVersion launchTemplate,
    Instant createdAt,
    Instant modifiedAt) {}
