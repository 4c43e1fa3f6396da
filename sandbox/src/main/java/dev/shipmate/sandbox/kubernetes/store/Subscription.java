package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * One open watch. Events reach the sink in store order, already translated for the watch's
 * selection: an object that starts to match arrives as {@code ADDED}, one that stops matching as
 * {@code DELETED}, as a real API server does.
 */
public final class Subscription implements AutoCloseable {

  private final ObjectStore store;
  private final ResourceType type;
  private final String namespace;
  private final Selection selection;
  private final Consumer<WatchEvent> sink;

  Subscription(
      ObjectStore store,
      ResourceType type,
      String namespace,
      Selection selection,
      Consumer<WatchEvent> sink) {
    this.store = store;
    this.type = type;
    this.namespace = namespace;
    this.selection = selection;
    this.sink = sink;
  }

  void offer(WatchEvent event) {
    if (!event.resource().equals(type)) {
      return;
    }
    if (namespace != null && !namespace.equals(Json.namespace(event.object()))) {
      return;
    }
    boolean matchesNow = selection.matches(event.object());
    String translated =
        switch (event.type()) {
          case "MODIFIED" -> {
            boolean matchedBefore = selection.matches(event.previous());
            if (matchedBefore && matchesNow) {
              yield "MODIFIED";
            } else if (matchesNow) {
              yield "ADDED";
            } else if (matchedBefore) {
              yield "DELETED";
            }
            yield null;
          }
          default -> matchesNow ? event.type() : null;
        };
    if (translated != null) {
      sink.accept(
          new WatchEvent(
              translated, type, event.object(), event.previous(), event.resourceVersion()));
    }
  }

  void offerCurrent(ObjectNode object, long resourceVersion) {
    if (selection.matches(object)) {
      sink.accept(new WatchEvent("ADDED", type, object, null, resourceVersion));
    }
  }

  @Override
  public void close() {
    store.unsubscribe(this);
  }
}
