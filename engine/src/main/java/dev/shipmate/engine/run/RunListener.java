package dev.shipmate.engine.run;

/**
 * Hears every committed transition of the runs this engine instance advances. Called on the
 * advancing thread, after the commit: a slow listener delays the run, so a listener that talks to
 * the network should hand the event to its own queue. An exception thrown here is logged and does
 * not affect the run.
 */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);
}
