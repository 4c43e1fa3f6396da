package dev.shipmate.pipelines.upgrade;

/**
 * The parameters of an upgrade run: the configured cluster's name and the Kubernetes minor version
 * it should reach, as typed ({@code 1.32}).
 */
public record UpgradeRequest(String cluster, String version) {}
