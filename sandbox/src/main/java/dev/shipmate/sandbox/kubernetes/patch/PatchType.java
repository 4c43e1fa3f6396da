package dev.shipmate.sandbox.kubernetes.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.util.Locale;

/** The four patch formats a real API server accepts, named by their content type. */
public enum PatchType {
  JSON("application/json-patch+json"),
  MERGE("application/merge-patch+json"),
  STRATEGIC_MERGE("application/strategic-merge-patch+json"),
  /**
   * Server-side apply, approximated: the applied configuration is strategically merged into the
   * live object (or creates it). Field ownership and conflicts are not modelled.
   */
  APPLY("application/apply-patch+yaml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * @throws ApiException 415 for any other content type
   */
  public static PatchType of(String contentTypeHeader) {
    String bare =
        contentTypeHeader == null
            ? ""
            : contentTypeHeader.split(";")[0].trim().toLowerCase(Locale.ROOT);
    for (PatchType type : values()) {
      if (type.contentType.equals(bare)) {
        return type;
      }
    }
    throw ApiException.unsupportedMediaType(bare);
  }

  /**
   * Parses the body of a patch of this type.
   *
   * @throws ApiException 400 when it cannot be read
   */
  public JsonNode parse(String body) {
    try {
      JsonNode node = this == APPLY ? YAML.readTree(body) : Json.MAPPER.readTree(body);
      if (node == null || !(node.isObject() || (this == JSON && node.isArray()))) {
        throw ApiException.badRequest(
            "the patch is empty or of the wrong shape for " + contentType);
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the " + contentType + " patch: " + e.getMessage());
    }
  }

  /**
   * Applies a parsed patch to a copy of the object.
   *
   * @throws ApiException 422 when a JSON patch operation fails
   */
  public ObjectNode apply(ObjectNode original, JsonNode patch) {
    return switch (this) {
      case JSON -> {
        try {
          JsonNode result = JsonPatch.apply(patch, original);
          if (!(result instanceof ObjectNode object)) {
            throw ApiException.badRequest("the JSON patch did not leave an object");
          }
          yield object;
        } catch (JsonPatchException | IllegalArgumentException e) {
          throw ApiException.unprocessable("the JSON patch cannot be applied: " + e.getMessage());
        }
      }
      case MERGE -> (ObjectNode) JsonMergePatch.apply(original, patch);
      case STRATEGIC_MERGE, APPLY -> StrategicMergePatch.apply(original, patch);
    };
  }
}
