package dev.shipmate.pipelines.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists whose items are matched by a key rather than by position, as Kubernetes' strategic merge
 * does: containers, env, volumes, volume mounts (by {@code name}), ports (by {@code containerPort},
 * or {@code port} in a Service, when they are not named).
 */
final class NamedLists {
  private static final List<String> KEYS = List.of("name", "containerPort", "port", "mountPath");

  private NamedLists() {}

  /** The key every item of {@code list} has, with no two items sharing it; empty if none. */
  static Optional<String> keyField(JsonNode list) {
    if (list.isEmpty()) {
      return Optional.empty();
    }
    for (String key : KEYS) {
      if (allKeyed(list, key) && distinct(list, key)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  static boolean allKeyed(JsonNode list, String key) {
    for (JsonNode item : list) {
      if (!item.isObject() || !item.path(key).isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static boolean distinct(JsonNode list, String key) {
    Set<String> seen = new HashSet<>();
    for (JsonNode item : list) {
      if (!seen.add(item.get(key).asText())) {
        return false;
      }
    }
    return true;
  }

  static JsonNode find(JsonNode list, String key, String value) {
    for (JsonNode item : list) {
      if (item.path(key).asText().equals(value)) {
        return item;
      }
    }
    return MissingNode.getInstance();
  }
}
