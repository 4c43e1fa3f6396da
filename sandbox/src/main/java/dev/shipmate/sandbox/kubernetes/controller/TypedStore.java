package dev.shipmate.sandbox.kubernetes.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.DeleteOptions;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The store seen through fabric8's model classes: what the controllers read and write. Every write
 * goes through the same API semantics a client's does, and so reaches every watch.
 */
public final class TypedStore {

  private static final int CACHE_SIZE = 20_000;

  /** A converted object and the version it was converted from. */
  private record Converted(String resourceVersion, Object object) {}

  private final ObjectStore store;
  private final Map<Class<?>, ResourceType> types = new java.util.concurrent.ConcurrentHashMap<>();
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  // Converting JSON to fabric8 models is what the controllers spend most time on; the stored
  // objects never change in place, so a conversion holds until the resourceVersion moves.
  private final Map<String, Converted> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Converted> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  public TypedStore(ObjectStore store) {
    this.store = store;
  }

  /**
   * Every object of a kind, in one namespace or (null) all. The objects may be shared with other
   * callers: read them, change them only through {@link #edit} and {@link #editStatus}.
   */
  public <T extends HasMetadata> List<T> list(Class<T> kind, String namespace) {
    List<ObjectNode> nodes = store.listShared(typeOf(kind), namespace);
    List<T> result = new ArrayList<>(nodes.size());
    synchronized (cache) {
      for (ObjectNode node : nodes) {
        String key = kind.getName() + "/" + Json.uid(node);
        String version = Json.text(node, "metadata", "resourceVersion");
        Converted converted = cache.get(key);
        if (converted == null || !converted.resourceVersion().equals(version)) {
          converted = new Converted(version, toTyped(node, kind));
          cache.put(key, converted);
        }
        result.add(kind.cast(converted.object()));
      }
    }
    return result;
  }

  public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
    return store.get(typeOf(kind), namespace, name).map(node -> toTyped(node, kind));
  }

  public <T extends HasMetadata> T create(T object) {
    @SuppressWarnings("unchecked")
    Class<T> kind = (Class<T>) object.getClass();
    return toTyped(
        store.create(typeOf(kind), object.getMetadata().getNamespace(), toNode(object), false),
        kind);
  }

  /** Changes the latest stored version of an object (not its status). */
  public <T extends HasMetadata> T edit(
      Class<T> kind, String namespace, String name, UnaryOperator<T> change) {
    return toTyped(
        store.modify(
            typeOf(kind),
            namespace,
            name,
            false,
            node -> toNode(change.apply(toTyped(node, kind))),
            false),
        kind);
  }

  /** Changes the status of the latest stored version of an object. */
  public <T extends HasMetadata> T editStatus(
      Class<T> kind, String namespace, String name, UnaryOperator<T> change) {
    return toTyped(
        store.modify(
            typeOf(kind),
            namespace,
            name,
            true,
            node -> toNode(change.apply(toTyped(node, kind))),
            false),
        kind);
  }

  /** Deletes the object if it is still the same one (same uid); a missing object is fine. */
  public void delete(HasMetadata object) {
    try {
      store.delete(
          typeOf(object.getClass()),
          object.getMetadata().getNamespace(),
          object.getMetadata().getName(),
          new DeleteOptions("Background", object.getMetadata().getUid(), null, false));
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  public ResourceType typeOf(Class<?> kind) {
    return types.computeIfAbsent(kind, this::resolveType);
  }

  private ResourceType resolveType(Class<?> kind) {
    String apiVersion = HasMetadata.getApiVersion(kind);
    String kindName = HasMetadata.getKind(kind);
    return store
        .types()
        .byKind(apiVersion, kindName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the sandbox does not serve " + apiVersion + " " + kindName));
  }

  public <T> T toTyped(ObjectNode node, Class<T> kind) {
    return serialization.convertValue(node, kind);
  }

  public ObjectNode toNode(Object object) {
    ObjectNode node = serialization.convertValue(object, ObjectNode.class);
    return node;
  }
}
