package dev.shipmate.sandbox.kubernetes.controller;

import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes core/v1 Events as the real components do, so that {@code kubectl describe} and anything
 * reading events sees "Scaled up replica set web-7d9c6b5f8d to 1", "Back-off pulling image", ...
 * Repeats of the same event on the same object raise its count instead of adding another.
 */
public final class EventRecorder {

  private final TypedStore store;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, String> names = new ConcurrentHashMap<>();

  public EventRecorder(TypedStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void normal(HasMetadata involved, String component, String reason, String message) {
    record(involved, component, "Normal", reason, message);
  }

  public void warning(HasMetadata involved, String component, String reason, String message) {
    record(involved, component, "Warning", reason, message);
  }

  private void record(
      HasMetadata involved, String component, String type, String reason, String message) {
    String namespace =
        involved.getMetadata().getNamespace() == null
            ? "default"
            : involved.getMetadata().getNamespace();
    String now = Json.timestamp(clock.instant());
    try {
      String key = namespace + "/" + involved.getMetadata().getUid() + "/" + reason + "/" + message;
      String existing = names.get(key);
      if (existing != null && store.get(Event.class, namespace, existing).isPresent()) {
        store.edit(
            Event.class,
            namespace,
            existing,
            event -> {
              event.setCount(event.getCount() == null ? 2 : event.getCount() + 1);
              event.setLastTimestamp(now);
              return event;
            });
        return;
      }
      String name =
          involved.getMetadata().getName()
              + "."
              + Long.toHexString(clock.millis() * 1000 + sequence.incrementAndGet());
      names.put(key, name);
      store.create(
          new EventBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .endMetadata()
              .withNewInvolvedObject()
              .withApiVersion(involved.getApiVersion())
              .withKind(involved.getKind())
              .withName(involved.getMetadata().getName())
              .withNamespace(involved.getMetadata().getNamespace())
              .withUid(involved.getMetadata().getUid())
              .endInvolvedObject()
              .withType(type)
              .withReason(reason)
              .withMessage(message)
              .withCount(1)
              .withFirstTimestamp(now)
              .withLastTimestamp(now)
              .withNewSource()
              .withComponent(component)
              .endSource()
              .withReportingComponent(component)
              .build());
    } catch (ApiException e) {
      // Events are best effort, as they are in a real cluster (a terminating namespace refuses
      // them).
    }
  }
}
