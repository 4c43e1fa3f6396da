package dev.shipmate.engine.advance;

import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one engine. Only ever handed events that are already committed. */
public final class RunListeners {
  private static final Logger log = LoggerFactory.getLogger(RunListeners.class);

  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

  public void add(RunListener listener) {
    listeners.add(listener);
  }

  public void publish(List<? extends RunEvent> events) {
    for (RunEvent event : events) {
      for (RunListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn(
              "listener {} failed on {} of run {}", listener, event.type(), event.run().id(), e);
        }
      }
    }
  }
}
