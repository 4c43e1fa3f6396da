package dev.shipmate.sandbox.kubernetes.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}) for the
 * built-in kinds: maps merge, {@code null} removes, lists of named items (containers, env, ports,
 * volumes, conditions, ...) merge by their key, other lists replace. Understands the directives
 * kubectl sends: {@code $patch: replace|delete}, {@code $setElementOrder/<list>}, {@code
 * $deleteFromPrimitiveList/<list>} and {@code $retainKeys}.
 *
 * <p>It is what {@code kubectl set image}, {@code cordon}, {@code rollout restart} and fabric8's
 * {@code PatchType.STRATEGIC_MERGE} send; fabric8's CRUD mock answers them 415.
 */
public final class StrategicMergePatch {

  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /**
   * @throws ApiException 400 when the patch is not an object or a directive is malformed
   */
  public static ObjectNode apply(ObjectNode original, JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiException.badRequest("a strategic merge patch must be a JSON object");
    }
    JsonNode merged = mergeObject(original, (ObjectNode) patch, List.of());
    return merged instanceof ObjectNode object ? object : original.objectNode();
  }

  /** Merges an object; answers null when the patch deletes it. */
  private static JsonNode mergeObject(ObjectNode original, ObjectNode patch, List<String> path) {
    String directive = patch.path(PATCH).asText("");
    if (directive.equals("delete")) {
      return null;
    }
    if (directive.equals("replace")) {
      return withoutDirectives(patch);
    }
    ObjectNode result = original == null ? patch.objectNode() : original.deepCopy();
    Map<String, JsonNode> elementOrders = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String field = entry.getKey();
      JsonNode value = entry.getValue();
      if (field.equals(PATCH) || field.equals(RETAIN_KEYS)) {
        continue;
      }
      if (field.startsWith(SET_ELEMENT_ORDER)) {
        elementOrders.put(field.substring(SET_ELEMENT_ORDER.length()), value);
        continue;
      }
      if (field.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteFromPrimitiveList(
            result, field.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
        continue;
      }
      if (value.isNull()) {
        result.remove(field);
        continue;
      }
      List<String> childPath = append(path, field);
      JsonNode current = result.get(field);
      if (value.isObject()) {
        JsonNode merged =
            mergeObject(
                current instanceof ObjectNode object ? object : null,
                (ObjectNode) value,
                childPath);
        if (merged == null) {
          result.remove(field);
        } else {
          result.set(field, merged);
        }
      } else if (value.isArray()) {
        result.set(
            field,
            mergeList(
                current instanceof ArrayNode array ? array : null,
                (ArrayNode) value,
                ListStrategy.of(path, field),
                childPath));
      } else {
        result.set(field, value.deepCopy());
      }
    }
    elementOrders.forEach(
        (field, order) -> {
          if (result.get(field) instanceof ArrayNode list && order.isArray()) {
            result.set(field, ordered(list, (ArrayNode) order, ListStrategy.of(path, field)));
          }
        });
    if (patch.get(RETAIN_KEYS) instanceof ArrayNode retain) {
      Set<String> keep = new HashSet<>();
      retain.forEach(key -> keep.add(key.asText()));
      result.retain(keep);
    }
    return result;
  }

  private static ArrayNode mergeList(
      ArrayNode original, ArrayNode patch, ListStrategy strategy, List<String> path) {
    List<String> itemPath = append(path, "[]");
    if (strategy instanceof ListStrategy.MergePrimitives) {
      ArrayNode result = original == null ? patch.arrayNode() : original.deepCopy();
      for (JsonNode item : patch) {
        if (!contains(result, item)) {
          result.add(item.deepCopy());
        }
      }
      return result;
    }
    if (!(strategy instanceof ListStrategy.MergeByKey byKey)) {
      return (ArrayNode) withoutDirectives(patch);
    }
    for (JsonNode item : patch) {
      if (item.isObject() && item.path(PATCH).asText("").equals("replace")) {
        ArrayNode replaced = patch.arrayNode();
        for (JsonNode other : patch) {
          if (other != item) {
            replaced.add(withoutDirectives(other));
          }
        }
        return replaced;
      }
    }
    ArrayNode result = original == null ? patch.arrayNode() : original.deepCopy();
    for (JsonNode item : patch) {
      if (!item.isObject() || !item.has(byKey.key())) {
        throw ApiException.badRequest(
            "map: "
                + item
                + " does not contain declared merge key: "
                + byKey.key()
                + " (in "
                + String.join(".", path)
                + ")");
      }
      JsonNode key = item.get(byKey.key());
      int index = indexOf(result, byKey.key(), key);
      boolean delete = item.path(PATCH).asText("").equals("delete");
      if (delete) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, mergeObject((ObjectNode) result.get(index), (ObjectNode) item, itemPath));
      } else {
        result.add(mergeObject(null, (ObjectNode) item, itemPath));
      }
    }
    return result;
  }

  /** Puts the items named in a {@code $setElementOrder} list first, in that order. */
  private static ArrayNode ordered(ArrayNode list, ArrayNode order, ListStrategy strategy) {
    List<JsonNode> remaining = new ArrayList<>();
    list.forEach(remaining::add);
    ArrayNode result = list.arrayNode();
    for (JsonNode wanted : order) {
      for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
        JsonNode item = it.next();
        boolean same =
            strategy instanceof ListStrategy.MergeByKey byKey
                ? item.path(byKey.key()).equals(wanted.path(byKey.key()))
                : item.equals(wanted);
        if (same) {
          result.add(item);
          it.remove();
          break;
        }
      }
    }
    remaining.forEach(result::add);
    return result;
  }

  private static void deleteFromPrimitiveList(ObjectNode result, String field, JsonNode values) {
    if (result.get(field) instanceof ArrayNode list && values.isArray()) {
      ArrayNode kept = list.arrayNode();
      for (JsonNode item : list) {
        if (!contains((ArrayNode) values, item)) {
          kept.add(item);
        }
      }
      result.set(field, kept);
    }
  }

  private static JsonNode withoutDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode clean = object.objectNode();
      object
          .properties()
          .forEach(
              entry -> {
                if (!entry.getKey().startsWith("$")) {
                  clean.set(entry.getKey(), withoutDirectives(entry.getValue()));
                }
              });
      return clean;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode clean = array.arrayNode();
      array.forEach(item -> clean.add(withoutDirectives(item)));
      return clean;
    }
    return node.deepCopy();
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).path(key).equals(value)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode value) {
    for (JsonNode item : list) {
      if (item.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> append(List<String> path, String segment) {
    List<String> child = new ArrayList<>(path);
    child.add(segment);
    return List.copyOf(child);
  }
}
