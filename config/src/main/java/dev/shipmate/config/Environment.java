package dev.shipmate.config;

import java.util.Optional;

/**
 * {@code environments.NAME:} — a namespace of a cluster that services are deployed to, with who may
 * deploy there ({@code deployers}), who approves and how many approvals a deploy needs, and the
 * channel its runs report to (else {@code slack.channel}, else the channel of the command).
 */
public record Environment(
    String name, String cluster, String namespace, Policy policy, Optional<String> channel) {}
