package dev.shipmate.sandbox.aws.compute;

import java.time.Instant;

/**
 * An EKS cluster as DescribeCluster answers it.
 *
 * @param version the minor version, e.g. {@code 1.31}
 * @param status {@code ACTIVE} or {@code UPDATING}
 * @param endpoint the simulated API server's URL
 */
public record ClusterView(
    String name,
    String version,
    String status,
    String platformVersion,
    String endpoint,
    Instant createdAt) {}
