package dev.shipmate.sandbox.kubernetes.controller;

import dev.shipmate.sandbox.kubernetes.store.ApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles objects one by one, so that one refused write (a namespace that is terminating, an
 * object deleted meanwhile) does not stop the controller for every other object.
 */
public final class EachObject {

  private static final Logger log = LoggerFactory.getLogger(EachObject.class);

  private EachObject() {}

  public static <T extends HasMetadata> void reconcile(Iterable<T> objects, Consumer<T> action) {
    for (T object : objects) {
      try {
        action.accept(object);
      } catch (ApiException e) {
        log.debug(
            "{} {}/{}: {}",
            object.getKind(),
            object.getMetadata().getNamespace(),
            object.getMetadata().getName(),
            e.getMessage());
      }
    }
  }
}
