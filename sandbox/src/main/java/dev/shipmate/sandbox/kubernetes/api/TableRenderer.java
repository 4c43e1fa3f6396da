package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side printing: the {@code meta.k8s.io/v1 Table} kubectl asks for on {@code get}, with the
 * columns a real server prints for pods, deployments, replica sets, daemon sets, nodes, namespaces
 * and disruption budgets. Other kinds answer plain objects, and kubectl falls back to NAME and AGE.
 */
final class TableRenderer {

  private record Column(String name, String type, String format, int priority) {}

  private final Clock clock;

  TableRenderer(Clock clock) {
    this.clock = clock;
  }

  /** A Table for a list or a single object of a kind it knows, else empty. */
  Optional<JsonNode> render(ResourceType type, JsonNode body) {
    List<Column> columns = columns(type.kind());
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<JsonNode> objects = new ArrayList<>();
    if (body.has("items")) {
      body.path("items").forEach(objects::add);
    } else if (body.path("kind").asText().equals(type.kind())) {
      objects.add(body);
    } else {
      return Optional.empty();
    }
    ObjectNode table = Json.MAPPER.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    String resourceVersion =
        body.has("items")
            ? body.path("metadata").path("resourceVersion").asText()
            : body.path("metadata").path("resourceVersion").asText();
    metadata.put("resourceVersion", resourceVersion);
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      ObjectNode definition = definitions.addObject();
      definition.put("name", column.name());
      definition.put("type", column.type());
      definition.put("format", column.format());
      definition.put("description", column.name());
      definition.put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells(type.kind(), object).forEach(cell -> addCell(cells, cell));
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return Optional.of(table);
  }

  private static List<Column> columns(String kind) {
    Column name = new Column("Name", "string", "name", 0);
    Column age = new Column("Age", "string", "", 0);
    return switch (kind) {
      case "Pod" ->
          List.of(
              name,
              new Column("Ready", "string", "", 0),
              new Column("Status", "string", "", 0),
              new Column("Restarts", "string", "", 0),
              age,
              new Column("IP", "string", "", 1),
              new Column("Node", "string", "", 1));
      case "Deployment" ->
          List.of(
              name,
              new Column("Ready", "string", "", 0),
              new Column("Up-to-date", "integer", "", 0),
              new Column("Available", "integer", "", 0),
              age,
              new Column("Containers", "string", "", 1),
              new Column("Images", "string", "", 1),
              new Column("Selector", "string", "", 1));
      case "ReplicaSet" ->
          List.of(
              name,
              new Column("Desired", "integer", "", 0),
              new Column("Current", "integer", "", 0),
              new Column("Ready", "integer", "", 0),
              age,
              new Column("Containers", "string", "", 1),
              new Column("Images", "string", "", 1),
              new Column("Selector", "string", "", 1));
      case "DaemonSet" ->
          List.of(
              name,
              new Column("Desired", "integer", "", 0),
              new Column("Current", "integer", "", 0),
              new Column("Ready", "integer", "", 0),
              new Column("Up-to-date", "integer", "", 0),
              new Column("Available", "integer", "", 0),
              new Column("Node Selector", "string", "", 0),
              age);
      case "Node" ->
          List.of(
              name,
              new Column("Status", "string", "", 0),
              new Column("Roles", "string", "", 0),
              age,
              new Column("Version", "string", "", 0),
              new Column("Internal-IP", "string", "", 1),
              new Column("OS-Image", "string", "", 1),
              new Column("Container-Runtime", "string", "", 1));
      case "Namespace" -> List.of(name, new Column("Status", "string", "", 0), age);
      case "Event" ->
          List.of(
              new Column("Last Seen", "string", "", 0),
              new Column("Type", "string", "", 0),
              new Column("Reason", "string", "", 0),
              new Column("Object", "string", "", 0),
              new Column("Message", "string", "", 0),
              new Column("Count", "integer", "", 1),
              name);
      case "PodDisruptionBudget" ->
          List.of(
              name,
              new Column("Min Available", "string", "", 0),
              new Column("Max Unavailable", "string", "", 0),
              new Column("Allowed Disruptions", "integer", "", 0),
              age);
      default -> List.of();
    };
  }

  private List<Object> cells(String kind, JsonNode object) {
    String name = Json.text(object, "metadata", "name");
    String age = age(object);
    JsonNode spec = object.path("spec");
    JsonNode status = object.path("status");
    return switch (kind) {
      case "Pod" -> {
        int total = spec.path("containers").size();
        int ready = 0;
        int restarts = 0;
        for (JsonNode container : status.path("containerStatuses")) {
          ready += container.path("ready").asBoolean() ? 1 : 0;
          restarts += container.path("restartCount").asInt();
        }
        yield List.of(
            name,
            ready + "/" + total,
            podStatus(object),
            Integer.toString(restarts),
            age,
            status.path("podIP").asText("<none>"),
            spec.path("nodeName").asText("<none>"));
      }
      case "Deployment" ->
          List.of(
              name,
              status.path("readyReplicas").asInt() + "/" + spec.path("replicas").asInt(),
              status.path("updatedReplicas").asInt(),
              status.path("availableReplicas").asInt(),
              age,
              containerField(spec.path("template").path("spec"), "name"),
              containerField(spec.path("template").path("spec"), "image"),
              Scales.selectorText(spec.path("selector")));
      case "ReplicaSet" ->
          List.of(
              name,
              spec.path("replicas").asInt(),
              status.path("replicas").asInt(),
              status.path("readyReplicas").asInt(),
              age,
              containerField(spec.path("template").path("spec"), "name"),
              containerField(spec.path("template").path("spec"), "image"),
              Scales.selectorText(spec.path("selector")));
      case "DaemonSet" ->
          List.of(
              name,
              status.path("desiredNumberScheduled").asInt(),
              status.path("currentNumberScheduled").asInt(),
              status.path("numberReady").asInt(),
              status.path("updatedNumberScheduled").asInt(),
              status.path("numberAvailable").asInt(),
              nodeSelector(spec.path("template").path("spec").path("nodeSelector")),
              age);
      case "Node" ->
          List.of(
              name,
              nodeStatus(object),
              "<none>",
              age,
              status.path("nodeInfo").path("kubeletVersion").asText(""),
              internalIp(status),
              status.path("nodeInfo").path("osImage").asText(""),
              status.path("nodeInfo").path("containerRuntimeVersion").asText(""));
      case "Namespace" -> List.of(name, status.path("phase").asText(""), age);
      case "Event" ->
          List.of(
              since(object.path("lastTimestamp").asText(null)),
              object.path("type").asText(""),
              object.path("reason").asText(""),
              object
                      .path("involvedObject")
                      .path("kind")
                      .asText("")
                      .toLowerCase(java.util.Locale.ROOT)
                  + "/"
                  + object.path("involvedObject").path("name").asText(""),
              object.path("message").asText(""),
              object.path("count").asInt(1),
              name);
      case "PodDisruptionBudget" ->
          List.of(
              name,
              spec.path("minAvailable").asText("N/A"),
              spec.path("maxUnavailable").asText("N/A"),
              status.path("disruptionsAllowed").asInt(),
              age);
      default -> List.of(name, age);
    };
  }

  private static String podStatus(JsonNode pod) {
    if (pod.path("metadata").has("deletionTimestamp")) {
      return "Terminating";
    }
    String reason = pod.path("status").path("phase").asText("Pending");
    for (JsonNode container : pod.path("status").path("containerStatuses")) {
      JsonNode waiting = container.path("state").path("waiting");
      JsonNode terminated = container.path("state").path("terminated");
      if (waiting.has("reason")) {
        reason = waiting.path("reason").asText();
      } else if (terminated.has("reason")) {
        reason = terminated.path("reason").asText();
      }
    }
    return reason;
  }

  private static String nodeStatus(JsonNode node) {
    String ready = "Unknown";
    for (JsonNode condition : node.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        ready = condition.path("status").asText().equals("True") ? "Ready" : "NotReady";
      }
    }
    return node.path("spec").path("unschedulable").asBoolean(false)
        ? ready + ",SchedulingDisabled"
        : ready;
  }

  private static String internalIp(JsonNode status) {
    for (JsonNode address : status.path("addresses")) {
      if (address.path("type").asText().equals("InternalIP")) {
        return address.path("address").asText();
      }
    }
    return "<none>";
  }

  private static String containerField(JsonNode podSpec, String field) {
    List<String> values = new ArrayList<>();
    podSpec.path("containers").forEach(container -> values.add(container.path(field).asText()));
    return String.join(",", values);
  }

  private static String nodeSelector(JsonNode selector) {
    List<String> parts = new ArrayList<>();
    selector
        .properties()
        .forEach(entry -> parts.add(entry.getKey() + "=" + entry.getValue().asText()));
    return parts.isEmpty() ? "<none>" : String.join(",", parts);
  }

  private String age(JsonNode object) {
    return since(Json.text(object, "metadata", "creationTimestamp"));
  }

  private String since(String timestamp) {
    if (timestamp == null) {
      return "<unknown>";
    }
    return humanDuration(Duration.between(Instant.parse(timestamp), clock.instant()));
  }

  /** kubectl's {@code duration.HumanDuration}. */
  static String humanDuration(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long rest = seconds % 60;
      return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long rest = minutes % 60;
      return rest == 0 ? hours + "h" : hours + "h" + rest + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (days < 8) {
      long rest = hours % 24;
      return rest == 0 ? days + "d" : days + "d" + rest + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    long rest = days % 365;
    return years < 8 && rest != 0 ? years + "y" + rest + "d" : years + "y";
  }

  private static void addCell(ArrayNode cells, Object cell) {
    if (cell instanceof Integer number) {
      cells.add(number);
    } else {
      cells.add(String.valueOf(cell));
    }
  }
}
