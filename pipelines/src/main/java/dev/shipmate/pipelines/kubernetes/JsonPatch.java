package dev.shipmate.pipelines.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 6902 JSON patch, built op by op. */
final class JsonPatch {
  private final List<Map<String, Object>> operations = new ArrayList<>();

  /**
   * Replacing {@code metadata.resourceVersion} with the version the caller read makes the write
   * conditional: the API server answers 409 Conflict when the object has moved on (so does
   * fabric8's CRUD mock). A JSON patch {@code test} op would do the same on a real server but hangs
   * the mock.
   */
  JsonPatch requireResourceVersion(String resourceVersion) {
    return op("replace", "/metadata/resourceVersion", resourceVersion);
  }

  /** Adds a value, replacing one already at that path when the parent is an object. */
  JsonPatch add(String path, Object value) {
    return op("add", path, value);
  }

  JsonPatch replace(String path, Object value) {
    return op("replace", path, value);
  }

  List<Map<String, Object>> operations() {
    return List.copyOf(operations);
  }

  /** A JSON pointer to {@code segments}, escaped: {@code kubernetes.io/x} becomes {@code ~1}. */
  static String pointer(Object... segments) {
    StringBuilder pointer = new StringBuilder();
    for (Object segment : segments) {
      pointer.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  private JsonPatch op(String op, String path, Object value) {
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("op", op);
    operation.put("path", path);
    operation.put("value", value);
    operations.add(operation);
    return this;
  }
}
