package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The checks of a real API server that manifests most often fail: names, selectors that do not
 * match their template, containers without an image, immutable selectors. Each failure reads as the
 * real server's message does.
 */
final class Validation {

  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private Validation() {}

  static void onCreate(ResourceType type, ObjectNode object) {
    List<ApiException.Cause> causes = new ArrayList<>();
    name(type, object, causes);
    spec(type, object, causes);
    if (!causes.isEmpty()) {
      throw ApiException.invalid(type, Json.name(object), causes);
    }
  }

  static void onUpdate(ResourceType type, ObjectNode existing, ObjectNode updated) {
    List<ApiException.Cause> causes = new ArrayList<>();
    spec(type, updated, causes);
    if (isWorkload(type)) {
      JsonNode before = existing.path("spec").path("selector");
      JsonNode after = updated.path("spec").path("selector");
      if (!before.equals(after)) {
        causes.add(invalid("spec.selector", goValue(after) + ": field is immutable"));
      }
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid(type, Json.name(updated), causes);
    }
  }

  private static void name(ResourceType type, ObjectNode object, List<ApiException.Cause> causes) {
    String name = Json.name(object);
    if (name == null || name.isEmpty()) {
      causes.add(
          new ApiException.Cause(
              "FieldValueRequired",
              "Required value: name or generateName is required",
              "metadata.name"));
      return;
    }
    boolean label = type.kind().equals("Namespace") || type.kind().equals("Service");
    if (label && (name.length() > 63 || !LABEL.matcher(name).matches())) {
      causes.add(
          invalid(
              "metadata.name",
              "\""
                  + name
                  + "\": a lowercase RFC 1123 label must consist of lower case alphanumeric"
                  + " characters or '-', and must start and end with an alphanumeric character"
                  + " (e.g. 'my-name',  or '123-abc', regex used for validation is"
                  + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
    } else if (!label && (name.length() > 253 || !SUBDOMAIN.matcher(name).matches())) {
      causes.add(
          invalid(
              "metadata.name",
              "\""
                  + name
                  + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                  + " characters, '-' or '.', and must start and end with an alphanumeric"
                  + " character (e.g. 'example.com', regex used for validation is"
                  + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    }
  }

  private static void spec(ResourceType type, ObjectNode object, List<ApiException.Cause> causes) {
    JsonNode spec = object.path("spec");
    if (isWorkload(type)) {
      JsonNode selector = spec.path("selector");
      if (selector.isMissingNode() || selector.isNull() || selector.isEmpty()) {
        causes.add(required("spec.selector"));
      } else {
        LabelSelector typed = Json.MAPPER.convertValue(selector, LabelSelector.class);
        Map<String, String> labels = Json.labels(spec.path("template"));
        if (!LabelQuery.of(typed).matches(labels)) {
          causes.add(
              invalid(
                  "spec.template.metadata.labels",
                  goValue(spec.path("template").path("metadata").path("labels"))
                      + ": `selector` does not match template `labels`"));
        }
      }
      if (spec.path("replicas").asInt(0) < 0) {
        causes.add(
            invalid(
                "spec.replicas",
                spec.path("replicas").asText() + ": must be greater than or equal to 0"));
      }
      containers(spec.path("template").path("spec"), "spec.template.spec", causes);
    } else if (type.kind().equals("Pod")) {
      containers(spec, "spec", causes);
    }
  }

  private static void containers(JsonNode podSpec, String path, List<ApiException.Cause> causes) {
    JsonNode containers = podSpec.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      causes.add(required(path + ".containers"));
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      JsonNode container = containers.get(i);
      if (container.path("name").asText("").isEmpty()) {
        causes.add(required(path + ".containers[" + i + "].name"));
      }
      if (container.path("image").asText("").isEmpty()) {
        causes.add(required(path + ".containers[" + i + "].image"));
      }
    }
  }

  private static boolean isWorkload(ResourceType type) {
    return type.group().equals("apps")
        && List.of("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet").contains(type.kind());
  }

  private static ApiException.Cause required(String field) {
    return new ApiException.Cause("FieldValueRequired", "Required value", field);
  }

  private static ApiException.Cause invalid(String field, String detail) {
    return new ApiException.Cause("FieldValueInvalid", "Invalid value: " + detail, field);
  }

  /** Prints a label map as the Go server does: {@code map[string]string{"app":"web"}}. */
  private static String goValue(JsonNode node) {
    boolean flat = true;
    for (JsonNode value : node) {
      flat &= value.isTextual();
    }
    if (node.isObject() && flat) {
      Map<String, String> sorted = new TreeMap<>();
      node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue().asText()));
      StringBuilder text = new StringBuilder("map[string]string{");
      boolean first = true;
      for (var entry : sorted.entrySet()) {
        text.append(first ? "" : ", ")
            .append('"')
            .append(entry.getKey())
            .append("\":\"")
            .append(entry.getValue())
            .append('"');
        first = false;
      }
      return text.append('}').toString();
    }
    return node.isMissingNode() ? "null" : Json.write(node);
  }
}
