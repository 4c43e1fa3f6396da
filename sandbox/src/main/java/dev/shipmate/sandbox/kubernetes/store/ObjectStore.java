package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The simulated cluster's etcd and the API server's semantics over it: resource versions, uids,
 * generations that move with the spec, a status that only the status subresource writes, no-op
 * updates that change nothing, optimistic concurrency, namespaces that terminate before they go,
 * orphaning deletes, and a history that lets a watch resume where a list left off.
 *
 * <p>The HTTP layer and the controllers both write through it, so a controller's change is seen by
 * every watch just as a client's is.
 */
public final class ObjectStore {

  private static final int DEFAULT_HISTORY = 10_000;
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final Set<String> UNDELETABLE_NAMESPACES =
      Set.of("default", "kube-system", "kube-public");

  private final Object lock = new Object();
  private final Clock clock;
  private final ResourceTypes types;
  private final Random random;
  private final Map<ResourceType, TreeMap<String, ObjectNode>> objects = new HashMap<>();
  private final WatchHistory history;
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private long resourceVersion = 100;

  public ObjectStore(Clock clock, ResourceTypes types, long seed) {
    this(clock, types, seed, DEFAULT_HISTORY);
  }

  /**
   * @param historyLimit how many changes a watch can resume across; older resourceVersions get 410
   *     Gone, as they do after etcd compaction
   */
  ObjectStore(Clock clock, ResourceTypes types, long seed, int historyLimit) {
    this.clock = clock;
    this.types = types;
    this.random = new Random(seed);
    this.history = new WatchHistory(historyLimit, resourceVersion);
  }

  public ResourceTypes types() {
    return types;
  }

  public Clock clock() {
    return clock;
  }

  public long resourceVersion() {
    synchronized (lock) {
      return resourceVersion;
    }
  }

  /**
   * Waits until the store changes or the timeout passes: lets a real-time caller wait for the
   * controllers without polling.
   */
  public void awaitChange(java.time.Duration timeout) {
    synchronized (lock) {
      long before = resourceVersion;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (resourceVersion == before) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return;
        }
        try {
          lock.wait(Math.max(1, remaining / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Runs after every change, on the thread that made it; must not block. */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
    synchronized (lock) {
      ObjectNode object = table(type).get(key(type, namespace, name));
      return Optional.ofNullable(object).map(ObjectNode::deepCopy);
    }
  }

  /**
   * @throws ApiException 404 when there is no such object
   */
  public ObjectNode require(ResourceType type, String namespace, String name) {
    return get(type, namespace, name).orElseThrow(() -> ApiException.notFound(type, name));
  }

  /** Objects of a type, in one namespace or (namespace null) in all, in key order. */
  public StoreList list(ResourceType type, String namespace, Selection selection) {
    synchronized (lock) {
      List<ObjectNode> items = new ArrayList<>();
      for (ObjectNode object : table(type).values()) {
        if (inNamespace(type, object, namespace) && selection.matches(object)) {
          items.add(object.deepCopy());
        }
      }
      return new StoreList(items, resourceVersion);
    }
  }

  /**
   * Like {@link #list} but without copies: the stored objects themselves, which the store never
   * changes in place. Callers must not change them either.
   */
  public List<ObjectNode> listShared(ResourceType type, String namespace) {
    synchronized (lock) {
      List<ObjectNode> items = new ArrayList<>();
      for (ObjectNode object : table(type).values()) {
        if (inNamespace(type, object, namespace)) {
          items.add(object);
        }
      }
      return items;
    }
  }

  /**
   * Creates an object, as a POST to its collection does.
   *
   * @throws ApiException 409 when it exists, 404/403 when its namespace is missing or terminating,
   *     422 when it is invalid, 400 when it names another namespace or kind
   */
  public ObjectNode create(ResourceType type, String namespace, ObjectNode body, boolean dryRun) {
    synchronized (lock) {
      ObjectNode object = Json.normalized(body);
      Writes.stampKind(type, object);
      ObjectNode metadata = Json.metadata(object);
      String ns = Writes.resolveNamespace(type, namespace, metadata);
      String name = metadata.path("name").asText("");
      if (name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
        name = generateName(type, ns, metadata.path("generateName").asText());
        metadata.put("name", name);
      }
      admit(type, ns, name);
      if (!name.isEmpty() && table(type).containsKey(key(type, ns, name))) {
        throw ApiException.alreadyExists(type, name);
      }
      for (String serverOwned :
          List.of(
              "uid",
              "resourceVersion",
              "creationTimestamp",
              "deletionTimestamp",
              "deletionGracePeriodSeconds",
              "generation",
              "managedFields",
              "selfLink")) {
        metadata.remove(serverOwned);
      }
      Writes.resetStatusOnCreate(type, object);
      Defaulting.apply(type, object);
      Validation.onCreate(type, object);
      metadata.put("uid", newUid());
      metadata.put("creationTimestamp", Json.timestamp(clock.instant()));
      if (type.tracksGeneration()) {
        metadata.put("generation", 1);
      }
      if (dryRun) {
        return object;
      }
      metadata.put("resourceVersion", Long.toString(++resourceVersion));
      table(type).put(key(type, ns, name), object);
      record(new WatchEvent("ADDED", type, object.deepCopy(), null, resourceVersion));
      return object.deepCopy();
    }
  }

  /**
   * Replaces an object, as a PUT does: the status is kept (for kinds with a status subresource),
   * the generation moves when the spec does, and an update that changes nothing changes nothing.
   *
   * @throws ApiException 404 when it does not exist, 409 when the body carries a stale
   *     resourceVersion, 422 when the result is invalid
   */
  public ObjectNode replace(
      ResourceType type, String namespace, String name, ObjectNode body, boolean dryRun) {
    synchronized (lock) {
      ObjectNode existing = stored(type, namespace, name);
      ObjectNode object = Json.normalized(body);
      Writes.stampKind(type, object);
      Writes.checkIdentity(type, namespace, name, object);
      Writes.checkResourceVersion(type, name, existing, object);
      ObjectNode metadata = Json.metadata(object);
      ObjectNode existingMetadata = Json.metadata(existing);
      for (String immutable :
          List.of(
              "uid",
              "creationTimestamp",
              "deletionTimestamp",
              "deletionGracePeriodSeconds",
              "generation",
              "name",
              "namespace")) {
        if (existingMetadata.has(immutable)) {
          metadata.set(immutable, existingMetadata.get(immutable));
        } else {
          metadata.remove(immutable);
        }
      }
      metadata.remove("managedFields");
      if (type.hasStatus()) {
        Writes.copyField(existing, object, "status");
      }
      Defaulting.apply(type, object);
      Validation.onUpdate(type, existing, object);
      if (type.tracksGeneration() && !Writes.sameSpec(existing, object)) {
        metadata.put("generation", existingMetadata.path("generation").asLong(0) + 1);
      }
      return commit(type, existing, object, dryRun);
    }
  }

  /**
   * Replaces only the status, as a PUT to {@code /status} does.
   *
   * @throws ApiException 404 when it does not exist, 409 on a stale resourceVersion
   */
  public ObjectNode replaceStatus(
      ResourceType type, String namespace, String name, ObjectNode body, boolean dryRun) {
    synchronized (lock) {
      ObjectNode existing = stored(type, namespace, name);
      ObjectNode object = Json.normalized(body);
      Writes.checkResourceVersion(type, name, existing, object);
      ObjectNode updated = existing.deepCopy();
      Writes.copyField(object, updated, "status");
      return commit(type, existing, updated, dryRun);
    }
  }

  /**
   * Reads, changes and writes an object atomically: what a PATCH does. The change sees a copy of
   * the stored object; a resourceVersion the change leaves in place is a precondition.
   */
  public ObjectNode modify(
      ResourceType type,
      String namespace,
      String name,
      boolean statusOnly,
      UnaryOperator<ObjectNode> change,
      boolean dryRun) {
    synchronized (lock) {
      ObjectNode existing = stored(type, namespace, name);
      ObjectNode changed = change.apply(existing.deepCopy());
      return statusOnly
          ? replaceStatus(type, namespace, name, changed, dryRun)
          : replace(type, namespace, name, changed, dryRun);
    }
  }

  /**
   * Deletes an object. A namespace is not removed but marked Terminating; the namespace controller
   * empties and removes it later. An orphaning delete first frees the dependents.
   *
   * @throws ApiException 404 when it does not exist, 409 when a precondition fails
   */
  public ObjectNode delete(
      ResourceType type, String namespace, String name, DeleteOptions options) {
    synchronized (lock) {
      ObjectNode existing = stored(type, namespace, name);
      ObjectNode metadata = Json.metadata(existing);
      if (options.preconditionUid() != null
          && !options.preconditionUid().equals(metadata.path("uid").asText())) {
        throw preconditionFailed(
            type, name, "UID", options.preconditionUid(), metadata.path("uid").asText());
      }
      if (options.preconditionResourceVersion() != null
          && !options
              .preconditionResourceVersion()
              .equals(metadata.path("resourceVersion").asText())) {
        throw preconditionFailed(
            type,
            name,
            "ResourceVersion",
            options.preconditionResourceVersion(),
            metadata.path("resourceVersion").asText());
      }
      if (type.equals(ResourceTypes.NAMESPACES)) {
        return beginNamespaceTermination(existing, name, options.dryRun());
      }
      if (options.dryRun()) {
        return existing.deepCopy();
      }
      if (options.orphans()) {
        orphanDependents(existing);
      }
      return remove(type, existing);
    }
  }

  /** Deletes every matching object of a type in a namespace; answers what was deleted. */
  public List<ObjectNode> deleteCollection(
      ResourceType type, String namespace, Selection selection, DeleteOptions options) {
    synchronized (lock) {
      List<ObjectNode> deleted = new ArrayList<>();
      for (ObjectNode object : list(type, namespace, selection).items()) {
        deleted.add(delete(type, Json.namespace(object), Json.name(object), options));
      }
      return deleted;
    }
  }

  /** Removes an object outright: the namespace controller's last step. Missing is fine. */
  public void purge(ResourceType type, String namespace, String name) {
    synchronized (lock) {
      ObjectNode existing = table(type).get(key(type, namespace, name));
      if (existing != null) {
        remove(type, existing);
      }
    }
  }

  /**
   * Opens a watch. With no resourceVersion (or "0") it starts with an {@code ADDED} event per
   * matching object; with one it replays what happened after it.
   *
   * @throws ApiException 410 when that version is older than the history kept
   */
  public Subscription watch(
      ResourceType type,
      String namespace,
      Selection selection,
      String fromResourceVersion,
      Consumer<WatchEvent> sink) {
    synchronized (lock) {
      Subscription subscription = new Subscription(this, type, namespace, selection, sink);
      List<ObjectNode> current = new ArrayList<>();
      for (ObjectNode object : table(type).values()) {
        if (inNamespace(type, object, namespace)) {
          current.add(object);
        }
      }
      history.open(subscription, fromResourceVersion, current, resourceVersion);
      return subscription;
    }
  }

  void unsubscribe(Subscription subscription) {
    synchronized (lock) {
      history.close(subscription);
    }
  }

  private ObjectNode commit(
      ResourceType type, ObjectNode existing, ObjectNode updated, boolean dryRun) {
    ObjectNode metadata = Json.metadata(updated);
    metadata.put("resourceVersion", Json.metadata(existing).path("resourceVersion").asText());
    if (updated.equals(existing) || dryRun) {
      return updated.deepCopy();
    }
    metadata.put("resourceVersion", Long.toString(++resourceVersion));
    table(type).put(key(type, Json.namespace(updated), Json.name(updated)), updated);
    record(
        new WatchEvent("MODIFIED", type, updated.deepCopy(), existing.deepCopy(), resourceVersion));
    return updated.deepCopy();
  }

  private ObjectNode remove(ResourceType type, ObjectNode existing) {
    table(type).remove(key(type, Json.namespace(existing), Json.name(existing)));
    ObjectNode gone = existing.deepCopy();
    Json.metadata(gone).put("resourceVersion", Long.toString(++resourceVersion));
    record(new WatchEvent("DELETED", type, gone.deepCopy(), null, resourceVersion));
    return gone;
  }

  private ObjectNode beginNamespaceTermination(ObjectNode existing, String name, boolean dryRun) {
    if (UNDELETABLE_NAMESPACES.contains(name)) {
      throw ApiException.forbidden(
          ResourceTypes.NAMESPACES, name, "this namespace may not be deleted");
    }
    ObjectNode terminating = existing.deepCopy();
    ObjectNode metadata = Json.metadata(terminating);
    if (!metadata.has("deletionTimestamp")) {
      metadata.put("deletionTimestamp", Json.timestamp(clock.instant()));
      metadata.put("deletionGracePeriodSeconds", 0);
    }
    ObjectNode status =
        terminating.get("status") instanceof ObjectNode node
            ? node
            : terminating.putObject("status");
    status.put("phase", "Terminating");
    return commit(ResourceTypes.NAMESPACES, existing, terminating, dryRun);
  }

  private void orphanDependents(ObjectNode owner) {
    String uid = Json.uid(owner);
    for (ResourceType type : types.all()) {
      for (ObjectNode dependent : List.copyOf(table(type).values())) {
        if (!(dependent.path("metadata").get("ownerReferences") instanceof ArrayNode refs)) {
          continue;
        }
        ArrayNode kept = refs.arrayNode();
        for (JsonNode ref : refs) {
          if (!uid.equals(ref.path("uid").asText())) {
            kept.add(ref);
          }
        }
        if (kept.size() != refs.size()) {
          ObjectNode freed = dependent.deepCopy();
          if (kept.isEmpty()) {
            Json.metadata(freed).remove("ownerReferences");
          } else {
            Json.metadata(freed).set("ownerReferences", kept);
          }
          commit(type, dependent, freed, false);
        }
      }
    }
  }

  private void admit(ResourceType type, String namespace, String name) {
    if (!type.namespaced()) {
      return;
    }
    ObjectNode ns =
        table(ResourceTypes.NAMESPACES).get(key(ResourceTypes.NAMESPACES, null, namespace));
    if (ns == null) {
      throw ApiException.notFound(ResourceTypes.NAMESPACES, namespace);
    }
    if (ns.path("metadata").has("deletionTimestamp")) {
      throw ApiException.forbidden(
          type,
          name,
          "unable to create new content in namespace "
              + namespace
              + " because it is being terminated");
    }
  }

  private ObjectNode stored(ResourceType type, String namespace, String name) {
    ObjectNode existing = table(type).get(key(type, namespace, name));
    if (existing == null) {
      throw ApiException.notFound(type, name);
    }
    return existing;
  }

  private void record(WatchEvent event) {
    history.record(event);
    lock.notifyAll();
    for (Runnable listener : changeListeners) {
      listener.run();
    }
  }

  private String generateName(ResourceType type, String namespace, String prefix) {
    while (true) {
      StringBuilder name = new StringBuilder(prefix);
      for (int i = 0; i < 5; i++) {
        name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
      }
      if (!table(type).containsKey(key(type, namespace, name.toString()))) {
        return name.toString();
      }
    }
  }

  private String newUid() {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  private static ApiException preconditionFailed(
      ResourceType type, String name, String what, String wanted, String actual) {
    return ApiException.conflictWithMessage(
        type,
        name,
        "Precondition failed: "
            + what
            + " in precondition: "
            + wanted
            + ", "
            + what
            + " in object meta: "
            + actual);
  }

  private TreeMap<String, ObjectNode> table(ResourceType type) {
    return objects.computeIfAbsent(type, ignored -> new TreeMap<>());
  }

  private static boolean inNamespace(ResourceType type, ObjectNode object, String namespace) {
    return namespace == null || !type.namespaced() || namespace.equals(Json.namespace(object));
  }

  private static String key(ResourceType type, String namespace, String name) {
    return (type.namespaced() && namespace != null ? namespace : "") + "/" + name;
  }
}
