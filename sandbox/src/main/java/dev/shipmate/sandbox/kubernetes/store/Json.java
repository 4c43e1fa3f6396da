package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over Jackson trees, the form every object takes inside the store. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Parses a request body into an object.
   *
   * @throws ApiException 400 when it is not a JSON object
   */
  public static ObjectNode parseObject(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text == null ? "" : text);
    } catch (IOException e) {
      throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * A deep copy with numbers in one canonical form (the smallest of int, long, decimal), so that an
   * object converted from a typed model and the same object parsed from text compare equal.
   */
  public static ObjectNode normalized(ObjectNode node) {
    return (ObjectNode) canonical(node);
  }

  private static JsonNode canonical(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = MAPPER.createObjectNode();
      object.properties().forEach(entry -> copy.set(entry.getKey(), canonical(entry.getValue())));
      return copy;
    }
    if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = MAPPER.createArrayNode();
      array.forEach(item -> copy.add(canonical(item)));
      return copy;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToInt()
          ? MAPPER.getNodeFactory().numberNode(node.intValue())
          : node.canConvertToLong()
              ? MAPPER.getNodeFactory().numberNode(node.longValue())
              : MAPPER.getNodeFactory().numberNode(node.bigIntegerValue());
    }
    if (node.isFloatingPointNumber()) {
      return MAPPER.getNodeFactory().numberNode(node.decimalValue());
    }
    return node.deepCopy();
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  public static ObjectNode metadata(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata == null || !metadata.isObject()) {
      return object.putObject("metadata");
    }
    return (ObjectNode) metadata;
  }

  public static String text(JsonNode node, String... path) {
    JsonNode current = node;
    for (String segment : path) {
      if (current == null) {
        return null;
      }
      current = current.get(segment);
    }
    return current == null || current.isNull() ? null : current.asText();
  }

  public static String name(ObjectNode object) {
    return text(object, "metadata", "name");
  }

  public static String namespace(ObjectNode object) {
    return text(object, "metadata", "namespace");
  }

  public static String uid(ObjectNode object) {
    return text(object, "metadata", "uid");
  }

  public static Map<String, String> labels(JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    Map<String, String> result = new LinkedHashMap<>();
    labels.properties().forEach(entry -> result.put(entry.getKey(), entry.getValue().asText()));
    return result;
  }

  /** Kubernetes timestamps have whole seconds: {@code 2026-01-01T09:00:00Z}. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
