package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.patch.PatchType;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.DeleteOptions;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import dev.shipmate.sandbox.kubernetes.store.Selection;
import dev.shipmate.sandbox.kubernetes.store.StoreList;
import java.util.List;

/** The verbs on resources and their subresources, over the store. */
final class ResourceEndpoint {

  private final ObjectStore store;
  private final EvictionPolicy evictions;

  ResourceEndpoint(ObjectStore store, EvictionPolicy evictions) {
    this.store = store;
    this.evictions = evictions;
  }

  ApiResponse handle(ApiRequest request) {
    RequestTarget target = request.target();
    if (target.subresource() != null) {
      return switch (target.subresource()) {
        case "status" -> status(request);
        case "scale" -> scale(request);
        case "eviction" -> eviction(request);
        case "finalize" -> finalizeNamespace(request);
        case "log" -> PodLogs.of(store, request);
        default -> throw ApiException.notFound("the server could not find the requested resource");
      };
    }
    return target.isCollection() ? collection(request) : item(request);
  }

  private ApiResponse collection(ApiRequest request) {
    RequestTarget target = request.target();
    return switch (request.method()) {
      case "GET" -> {
        Selection selection =
            Selection.parse(request.param("labelSelector"), request.param("fieldSelector"));
        yield ApiResponse.ok(
            listBody(target.type(), store.list(target.type(), target.namespace(), selection)));
      }
      case "POST" ->
          ApiResponse.created(
              store.create(
                  target.type(),
                  target.namespace(),
                  Json.parseObject(request.body()),
                  request.dryRun()));
      case "DELETE" -> {
        Selection selection =
            Selection.parse(request.param("labelSelector"), request.param("fieldSelector"));
        List<ObjectNode> deleted =
            store.deleteCollection(
                target.type(), target.namespace(), selection, deleteOptions(request));
        yield ApiResponse.ok(
            listBody(target.type(), new StoreList(deleted, store.resourceVersion())));
      }
      default -> throw notAllowed(request);
    };
  }

  private ApiResponse item(ApiRequest request) {
    RequestTarget target = request.target();
    return switch (request.method()) {
      case "GET" -> ApiResponse.ok(store.require(target.type(), target.namespace(), target.name()));
      case "PUT" ->
          ApiResponse.ok(
              store.replace(
                  target.type(),
                  target.namespace(),
                  target.name(),
                  Json.parseObject(request.body()),
                  request.dryRun()));
      case "PATCH" -> patch(request, false);
      case "DELETE" ->
          ApiResponse.ok(
              store.delete(
                  target.type(), target.namespace(), target.name(), deleteOptions(request)));
      default -> throw notAllowed(request);
    };
  }

  private ApiResponse status(ApiRequest request) {
    RequestTarget target = request.target();
    return switch (request.method()) {
      case "GET" -> ApiResponse.ok(store.require(target.type(), target.namespace(), target.name()));
      case "PUT" ->
          ApiResponse.ok(
              store.replaceStatus(
                  target.type(),
                  target.namespace(),
                  target.name(),
                  Json.parseObject(request.body()),
                  request.dryRun()));
      case "PATCH" -> patch(request, true);
      default -> throw notAllowed(request);
    };
  }

  private ApiResponse patch(ApiRequest request, boolean statusOnly) {
    RequestTarget target = request.target();
    PatchType patchType = PatchType.of(request.contentType());
    JsonNode patch = patchType.parse(request.body());
    if (patchType == PatchType.APPLY) {
      String fieldManager = request.param("fieldManager");
      if (fieldManager == null || fieldManager.isEmpty()) {
        throw ApiException.unprocessable(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                + " for apply patch");
      }
      if (store.get(target.type(), target.namespace(), target.name()).isEmpty()) {
        ObjectNode object = ((ObjectNode) patch).deepCopy();
        Json.metadata(object).put("name", target.name());
        return ApiResponse.created(
            store.create(target.type(), target.namespace(), object, request.dryRun()));
      }
    }
    return ApiResponse.ok(
        store.modify(
            target.type(),
            target.namespace(),
            target.name(),
            statusOnly,
            object -> patchType.apply(object, patch),
            request.dryRun()));
  }

  private ApiResponse scale(ApiRequest request) {
    RequestTarget target = request.target();
    ObjectNode current = store.require(target.type(), target.namespace(), target.name());
    ObjectNode updated =
        switch (request.method()) {
          case "GET" -> current;
          case "PUT" -> setReplicas(request, Json.parseObject(request.body()));
          case "PATCH" -> {
            PatchType patchType = PatchType.of(request.contentType());
            JsonNode patch = patchType.parse(request.body());
            yield setReplicas(request, patchType.apply(Scales.of(current), patch));
          }
          default -> throw notAllowed(request);
        };
    return ApiResponse.ok(Scales.of(updated));
  }

  private ObjectNode setReplicas(ApiRequest request, ObjectNode scale) {
    RequestTarget target = request.target();
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
      throw ApiException.unprocessable(
          "Scale.autoscaling \""
              + target.name()
              + "\" is invalid: spec.replicas: Invalid value: "
              + replicas
              + ": must be greater than or equal to 0");
    }
    String resourceVersion = Json.text(scale, "metadata", "resourceVersion");
    return store.modify(
        target.type(),
        target.namespace(),
        target.name(),
        false,
        object -> {
          if (resourceVersion != null && !resourceVersion.isEmpty()) {
            Json.metadata(object).put("resourceVersion", resourceVersion);
          }
          ((ObjectNode) object.path("spec")).put("replicas", replicas.asInt());
          return object;
        },
        request.dryRun());
  }

  private ApiResponse eviction(ApiRequest request) {
    if (!request.method().equals("POST")) {
      throw notAllowed(request);
    }
    RequestTarget target = request.target();
    ObjectNode status = evictions.evict(target.namespace(), target.name(), request.dryRun());
    return new ApiResponse(status.path("code").asInt(201), status, null);
  }

  private ApiResponse finalizeNamespace(ApiRequest request) {
    if (!request.method().equals("PUT")) {
      throw notAllowed(request);
    }
    RequestTarget target = request.target();
    return ApiResponse.ok(store.require(target.type(), null, target.name()));
  }

  private static DeleteOptions deleteOptions(ApiRequest request) {
    JsonNode body =
        request.body() == null || request.body().isBlank()
            ? Json.MAPPER.createObjectNode()
            : Json.parseObject(request.body());
    String propagation = request.param("propagationPolicy");
    if (propagation == null) {
      propagation = body.path("propagationPolicy").asText("Background");
    }
    boolean orphan =
        "true".equals(request.param("orphanDependents"))
            || body.path("orphanDependents").asBoolean(false);
    if (orphan) {
      propagation = "Orphan";
    }
    boolean dryRun =
        request.dryRun() || body.path("dryRun").isArray() && !body.path("dryRun").isEmpty();
    return new DeleteOptions(
        propagation,
        Json.text(body, "preconditions", "uid"),
        Json.text(body, "preconditions", "resourceVersion"),
        dryRun);
  }

  /** A list answer as a real server writes it: items without their own kind and apiVersion. */
  static ObjectNode listBody(ResourceType type, StoreList list) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("kind", type.listKind());
    body.put("apiVersion", type.apiVersion());
    body.putObject("metadata").put("resourceVersion", Long.toString(list.resourceVersion()));
    ArrayNode items = body.putArray("items");
    for (ObjectNode item : list.items()) {
      item.remove("kind");
      item.remove("apiVersion");
      items.add(item);
    }
    return body;
  }

  private static ApiException notAllowed(ApiRequest request) {
    return ApiException.methodNotAllowed(
        "the server does not allow this method on the requested resource ("
            + request.method()
            + ")");
  }
}
