package dev.shipmate.sandbox.kubernetes.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.DeleteOptions;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The garbage collector: an object whose owners are all gone is deleted (a Deployment's
 * ReplicaSets, then their pods); references to owners that are gone are dropped from objects that
 * still have another owner. Foreground deletion is treated as background.
 */
public final class GarbageCollector implements Controller {

  private final ObjectStore store;

  public GarbageCollector(ObjectStore store) {
    this.store = store;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    List<ResourceType> types = store.types().all();
    Set<String> uids = new HashSet<>();
    for (ResourceType type : types) {
      for (ObjectNode object : store.listShared(type, null)) {
        uids.add(Json.uid(object));
      }
    }
    for (ResourceType type : types) {
      for (ObjectNode object : store.listShared(type, null)) {
        if (object.path("metadata").get("ownerReferences") instanceof ArrayNode refs
            && !refs.isEmpty()) {
          collect(type, object, refs, uids);
        }
      }
    }
  }

  private void collect(ResourceType type, ObjectNode object, ArrayNode refs, Set<String> uids) {
    ArrayNode remaining = refs.arrayNode();
    for (JsonNode ref : refs) {
      if (uids.contains(ref.path("uid").asText())) {
        remaining.add(ref);
      }
    }
    if (remaining.size() == refs.size()) {
      return;
    }
    String namespace = Json.namespace(object);
    String name = Json.name(object);
    try {
      if (remaining.isEmpty()) {
        store.delete(
            type, namespace, name, new DeleteOptions("Background", Json.uid(object), null, false));
      } else {
        store.modify(
            type,
            namespace,
            name,
            false,
            current -> {
              Json.metadata(current).set("ownerReferences", remaining);
              return current;
            },
            false);
      }
    } catch (ApiException e) {
      // Changed or gone meanwhile: the next pass looks again.
    }
  }
}
