package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import dev.shipmate.sandbox.kubernetes.store.ResourceTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy (unaggregated) discovery documents kubectl and client-go read before anything else:
 * {@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/GROUP} and {@code
 * /apis/GROUP/VERSION}. kubectl asks for aggregated discovery first and falls back to these when
 * the answer is plain JSON.
 */
final class DiscoveryDocuments {

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final ResourceTypes types;

  DiscoveryDocuments(ResourceTypes types) {
    this.types = types;
  }

  Optional<ObjectNode> document(String path, String serverAddress) {
    String trimmed =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (trimmed.equals("/api")) {
      return Optional.of(apiVersions(serverAddress));
    }
    if (trimmed.equals("/apis")) {
      return Optional.of(groupList());
    }
    if (trimmed.equals("/api/v1")) {
      return Optional.of(resourceList("", "v1"));
    }
    String[] segments = trimmed.split("/");
    if (segments.length == 3 && segments[1].equals("apis") && groups().containsKey(segments[2])) {
      return Optional.of(group(segments[2], groups().get(segments[2])));
    }
    if (segments.length == 4
        && segments[1].equals("apis")
        && segments[3].equals(groups().get(segments[2]))) {
      return Optional.of(resourceList(segments[2], segments[3]));
    }
    return Optional.empty();
  }

  private ObjectNode apiVersions(String serverAddress) {
    ObjectNode document = Json.MAPPER.createObjectNode();
    document.put("kind", "APIVersions");
    document.putArray("versions").add("v1");
    ObjectNode address = document.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress);
    return document;
  }

  private ObjectNode groupList() {
    ObjectNode document = Json.MAPPER.createObjectNode();
    document.put("kind", "APIGroupList");
    document.put("apiVersion", "v1");
    ArrayNode list = document.putArray("groups");
    groups().forEach((name, version) -> list.add(group(name, version)));
    return document;
  }

  private static ObjectNode group(String name, String version) {
    ObjectNode group = Json.MAPPER.createObjectNode();
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    group.put("name", name);
    ObjectNode groupVersion = Json.MAPPER.createObjectNode();
    groupVersion.put("groupVersion", name + "/" + version);
    groupVersion.put("version", version);
    group.putArray("versions").add(groupVersion);
    group.set("preferredVersion", groupVersion.deepCopy());
    return group;
  }

  private ObjectNode resourceList(String group, String version) {
    ObjectNode document = Json.MAPPER.createObjectNode();
    document.put("kind", "APIResourceList");
    document.put("apiVersion", "v1");
    document.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = document.putArray("resources");
    for (ResourceType type : types.all()) {
      if (!type.group().equals(group) || !type.version().equals(version)) {
        continue;
      }
      ObjectNode resource = resources.addObject();
      resource.put("name", type.plural());
      resource.put("singularName", type.singular());
      resource.put("namespaced", type.namespaced());
      resource.put("kind", type.kind());
      ArrayNode verbs = resource.putArray("verbs");
      VERBS.forEach(verbs::add);
      if (!type.shortNames().isEmpty()) {
        ArrayNode shortNames = resource.putArray("shortNames");
        type.shortNames().forEach(shortNames::add);
      }
      if (!type.categories().isEmpty()) {
        ArrayNode categories = resource.putArray("categories");
        type.categories().forEach(categories::add);
      }
      for (String subresource : type.subresources().stream().sorted().toList()) {
        resources.add(subresource(type, subresource));
      }
    }
    return document;
  }

  private static ObjectNode subresource(ResourceType type, String subresource) {
    ObjectNode resource = Json.MAPPER.createObjectNode();
    resource.put("name", type.plural() + "/" + subresource);
    resource.put("singularName", "");
    resource.put("namespaced", type.namespaced());
    ArrayNode verbs = resource.putArray("verbs");
    switch (subresource) {
      case "scale" -> {
        resource.put("group", "autoscaling");
        resource.put("version", "v1");
        resource.put("kind", "Scale");
        List.of("get", "patch", "update").forEach(verbs::add);
      }
      case "eviction" -> {
        resource.put("group", "policy");
        resource.put("version", "v1");
        resource.put("kind", "Eviction");
        verbs.add("create");
      }
      case "log" -> {
        resource.put("kind", type.kind());
        verbs.add("get");
      }
      case "finalize" -> {
        resource.put("kind", type.kind());
        verbs.add("update");
      }
      default -> {
        resource.put("kind", type.kind());
        List.of("get", "patch", "update").forEach(verbs::add);
      }
    }
    return resource;
  }

  /** Named groups and their one served version, in the order kinds were registered. */
  private Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    for (ResourceType type : types.all()) {
      if (!type.group().isEmpty()) {
        groups.putIfAbsent(type.group(), type.version());
      }
    }
    return groups;
  }
}
