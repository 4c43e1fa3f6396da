package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request the simulated API server refuses, carrying what a real one would answer: the HTTP code,
 * the {@code Status} reason and message, and the details clients read (kubectl prints the message;
 * fabric8 puts the code in {@code KubernetesClientException}).
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One field-level problem, as in {@code Status.details.causes}. */
  public record Cause(String reason, String message, String field) {}

  private final int code;
  private final String reason;
  private final String name;
  private final String group;
  private final String kind;
  private final List<Cause> causes;

  private ApiException(
      int code,
      String reason,
      String message,
      String name,
      String group,
      String kind,
      List<Cause> causes) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.name = name;
    this.group = group;
    this.kind = kind;
    this.causes = List.copyOf(causes);
  }

  public static ApiException notFound(ResourceType type, String name) {
    return new ApiException(
        404,
        "NotFound",
        type.groupResource() + " \"" + name + "\" not found",
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NotFound", message, null, null, null, List.of());
  }

  public static ApiException alreadyExists(ResourceType type, String name) {
    return new ApiException(
        409,
        "AlreadyExists",
        type.groupResource() + " \"" + name + "\" already exists",
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  public static ApiException conflict(ResourceType type, String name) {
    return new ApiException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + type.groupResource()
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  public static ApiException conflictWithMessage(ResourceType type, String name, String why) {
    return new ApiException(409, "Conflict", why, name, type.group(), type.plural(), List.of());
  }

  public static ApiException invalid(ResourceType type, String name, List<Cause> causes) {
    List<String> parts =
        causes.stream().map(cause -> cause.field() + ": " + cause.message()).toList();
    String joined = parts.size() == 1 ? parts.get(0) : "[" + String.join(", ", parts) + "]";
    String message =
        type.kind()
            + (type.group().isEmpty() ? "" : "." + type.group())
            + " \""
            + (name == null ? "" : name)
            + "\" is invalid: "
            + joined;
    return new ApiException(422, "Invalid", message, name, type.group(), type.kind(), causes);
  }

  public static ApiException unprocessable(String message) {
    return new ApiException(422, "Invalid", message, null, null, null, List.of());
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, null, List.of());
  }

  public static ApiException forbidden(ResourceType type, String name, String why) {
    return new ApiException(
        403,
        "Forbidden",
        type.groupResource() + " \"" + name + "\" is forbidden: " + why,
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null, null, null, List.of());
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json-patch+json, application/merge-patch+json,"
            + " application/apply-patch+yaml, application/strategic-merge-patch+json (got "
            + contentType
            + ")",
        null,
        null,
        null,
        List.of());
  }

  public static ApiException tooManyRequests(String message, List<Cause> causes) {
    return new ApiException(429, "TooManyRequests", message, null, null, null, causes);
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Expired", message, null, null, null, List.of());
  }

  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError", message, null, null, null, List.of());
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public List<Cause> causes() {
    return causes;
  }

  /** The {@code Status} object a real API server sends with this error. */
  public ObjectNode toStatus() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode status = json.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", getMessage());
    status.put("reason", reason);
    if (name != null || kind != null || !causes.isEmpty()) {
      ObjectNode details = status.putObject("details");
      if (name != null) {
        details.put("name", name);
      }
      if (group != null && !group.isEmpty()) {
        details.put("group", group);
      }
      if (kind != null) {
        details.put("kind", kind);
      }
      if (!causes.isEmpty()) {
        var array = details.putArray("causes");
        for (Cause cause : causes) {
          ObjectNode node = array.addObject();
          node.put("reason", cause.reason());
          node.put("message", cause.message());
          if (cause.field() != null) {
            node.put("field", cause.field());
          }
        }
      }
    }
    status.put("code", code);
    return status;
  }
}
