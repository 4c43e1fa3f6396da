package dev.shipmate.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * The one JSON mapping of the engine: parameters and step outputs are records, stored as JSON text.
 * Unknown properties are ignored on reading, so a run stored by an older build still loads after a
 * field is added to a record.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();

  public static final String EMPTY_OBJECT = "{}";

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new JsonException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new JsonException("stored JSON does not fit " + type.getSimpleName(), e);
    }
  }

  /** The object {@code json} with {@code field} set to {@code value}; other fields unchanged. */
  public static String withField(String json, String field, Object value) {
    ObjectNode object = object(json);
    object.set(field, MAPPER.valueToTree(value));
    return object.toString();
  }

  /** {@code json}'s {@code field} read as {@code type}, or empty when the field is absent. */
  public static <T> Optional<T> field(String json, String field, Class<T> type) {
    JsonNode node = object(json).get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.treeToValue(node, type));
    } catch (JsonProcessingException e) {
      throw new JsonException(
          "stored output '" + field + "' does not fit " + type.getSimpleName(), e);
    }
  }

  private static ObjectNode object(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw new JsonException("stored JSON is not an object", null);
    } catch (JsonProcessingException e) {
      throw new JsonException("stored JSON cannot be parsed", e);
    }
  }

  /** Stored JSON that does not fit the type the code expects now. */
  public static final class JsonException extends RuntimeException {
    JsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
