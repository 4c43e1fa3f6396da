package dev.shipmate.sandbox.aws.compute;

import java.time.Instant;
import java.util.Optional;

/**
 * One EC2 machine image (AMI): what DescribeImages lists. Its id decides the kubelet an instance
 * booted from it runs ({@link KubeletVersions#ofImage}).
 *
 * @param ownerAlias {@code amazon} for the images AWS publishes, empty for an account's own
 * @param state {@code available}, {@code pending}, {@code deregistered} …
 */
public record MachineImage(
    String id,
    String name,
    String ownerId,
    Optional<String> ownerAlias,
    String state,
    Instant creationDate,
    String architecture,
    String description) {}
