package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The checks and stamps every write goes through before the store keeps it: kind and apiVersion
 * matching the URL, name and namespace matching the URL, resourceVersion preconditions, the status
 * a create starts with, and what counts as a spec change.
 */
final class Writes {

  private Writes() {}

  static String resolveNamespace(ResourceType type, String requested, ObjectNode metadata) {
    if (!type.namespaced()) {
      metadata.remove("namespace");
      return null;
    }
    String inBody = metadata.path("namespace").asText("");
    if (requested == null || requested.isEmpty()) {
      if (inBody.isEmpty()) {
        throw ApiException.badRequest("the namespace of the object is missing");
      }
      return inBody;
    }
    if (!inBody.isEmpty() && !inBody.equals(requested)) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the"
              + " request");
    }
    metadata.put("namespace", requested);
    return requested;
  }

  static void checkIdentity(ResourceType type, String namespace, String name, ObjectNode object) {
    String bodyName = Json.name(object);
    if (bodyName != null && !bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiException.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    String bodyNamespace = Json.namespace(object);
    if (type.namespaced()
        && bodyNamespace != null
        && !bodyNamespace.isEmpty()
        && !bodyNamespace.equals(namespace)) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the"
              + " request");
    }
  }

  static void checkResourceVersion(
      ResourceType type, String name, ObjectNode existing, ObjectNode body) {
    String wanted = Json.text(body, "metadata", "resourceVersion");
    if (wanted != null
        && !wanted.isEmpty()
        && !wanted.equals(Json.text(existing, "metadata", "resourceVersion"))) {
      throw ApiException.conflict(type, name);
    }
  }

  static void stampKind(ResourceType type, ObjectNode object) {
    String apiVersion = Json.text(object, "apiVersion");
    String kind = Json.text(object, "kind");
    if (kind != null && !kind.isEmpty() && !kind.equals(type.kind())) {
      throw ApiException.badRequest(
          "the kind in the body ("
              + kind
              + ") does not match the resource "
              + type.groupResource());
    }
    if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API version ("
              + type.apiVersion()
              + ")");
    }
    object.put("kind", type.kind());
    object.put("apiVersion", type.apiVersion());
  }

  static void resetStatusOnCreate(ResourceType type, ObjectNode object) {
    switch (type.kind()) {
      case "Node" -> {
        // A kubelet registers its node with a status: keep it.
      }
      case "Pod" -> {
        ObjectNode status = object.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", "BestEffort");
      }
      case "Namespace" -> {
        object.putObject("status").put("phase", "Active");
        ObjectNode spec =
            object.get("spec") instanceof ObjectNode node ? node : object.putObject("spec");
        spec.putArray("finalizers").add("kubernetes");
      }
      default -> {
        if (type.hasStatus()) {
          object.putObject("status");
        }
      }
    }
  }

  static boolean sameSpec(ObjectNode before, ObjectNode after) {
    ObjectNode a = before.deepCopy();
    ObjectNode b = after.deepCopy();
    for (ObjectNode node : List.of(a, b)) {
      node.remove("metadata");
      node.remove("status");
    }
    return a.equals(b);
  }

  static void copyField(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field).deepCopy());
    } else {
      to.remove(field);
    }
  }
}
