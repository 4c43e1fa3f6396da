package dev.shipmate.sandbox.kubernetes.patch;

import java.util.List;
import java.util.Set;

/**
 * How a strategic merge patch treats one list field: what the Go types' {@code patchStrategy} and
 * {@code patchMergeKey} tags say, for the fields Shipmate and kubectl patch.
 */
sealed interface ListStrategy {

  /** The patch's list replaces the original (lists without a patch strategy). */
  record Replace() implements ListStrategy {}

  /** Items are matched by a key field and merged; unmatched patch items are appended. */
  record MergeByKey(String key) implements ListStrategy {}

  /** A list of strings merged as a set, as {@code metadata.finalizers} is. */
  record MergePrimitives() implements ListStrategy {}

  Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

  /**
   * The strategy of {@code field}, found under {@code parentPath} (field names, with {@code []} for
   * each list item descended into).
   */
  static ListStrategy of(List<String> parentPath, String field) {
    return switch (field) {
      case "containers",
          "initContainers",
          "ephemeralContainers",
          "volumes",
          "imagePullSecrets",
          "env",
          "resourceClaims",
          "schedulingGates" ->
          new MergeByKey("name");
      case "volumeMounts" -> new MergeByKey("mountPath");
      case "volumeDevices" -> new MergeByKey("devicePath");
      case "ports" -> new MergeByKey(insideContainer(parentPath) ? "containerPort" : "port");
      case "conditions", "addresses" -> new MergeByKey("type");
      case "ownerReferences" -> new MergeByKey("uid");
      case "hostAliases" -> new MergeByKey("ip");
      case "topologySpreadConstraints" -> new MergeByKey("topologyKey");
      case "finalizers" ->
          parentPath.equals(List.of("metadata")) ? new MergePrimitives() : new Replace();
      default -> new Replace();
    };
  }

  private static boolean insideContainer(List<String> parentPath) {
    int size = parentPath.size();
    return size >= 2
        && parentPath.get(size - 1).equals("[]")
        && CONTAINER_LISTS.contains(parentPath.get(size - 2));
  }
}
