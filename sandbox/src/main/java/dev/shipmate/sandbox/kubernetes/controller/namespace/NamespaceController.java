package dev.shipmate.sandbox.kubernetes.controller.namespace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.controller.Controller;
import dev.shipmate.sandbox.kubernetes.controller.Wakeups;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import dev.shipmate.sandbox.kubernetes.store.ResourceTypes;
import dev.shipmate.sandbox.kubernetes.store.Selection;
import java.time.Duration;
import java.time.Instant;

/**
 * The namespace controller: a namespace marked for deletion stays Terminating for a while, then
 * everything in it is deleted, then the namespace itself.
 */
public final class NamespaceController implements Controller {

  private final ObjectStore store;
  private final Duration deletionDelay;

  public NamespaceController(ObjectStore store, Duration deletionDelay) {
    this.store = store;
    this.deletionDelay = deletionDelay;
  }

  @Override
  public void reconcile(Instant now, Wakeups wakeups) {
    for (ObjectNode namespace :
        store.list(ResourceTypes.NAMESPACES, null, Selection.everything()).items()) {
      String since = Json.text(namespace, "metadata", "deletionTimestamp");
      if (since == null) {
        continue;
      }
      Instant due = Instant.parse(since).plus(deletionDelay);
      if (due.isAfter(now)) {
        wakeups.at(due);
        continue;
      }
      String name = Json.name(namespace);
      for (ResourceType type : store.types().all()) {
        if (!type.namespaced()) {
          continue;
        }
        for (ObjectNode object : store.list(type, name, Selection.everything()).items()) {
          store.purge(type, name, Json.name(object));
        }
      }
      store.purge(ResourceTypes.NAMESPACES, null, name);
    }
  }
}
