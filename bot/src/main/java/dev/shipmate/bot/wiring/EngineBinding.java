package dev.shipmate.bot.wiring;

import dev.shipmate.engine.Engine;

/**
 * What the pipelines need from the engine once it is open (its {@code wake}), and the resources
 * they hold, closed after the engine has stopped.
 */
public interface EngineBinding extends AutoCloseable {
  /** Nothing to bind, nothing to close: for pipelines that need neither (tests). */
  EngineBinding NONE =
      new EngineBinding() {
        @Override
        public void bind(Engine engine) {}

        @Override
        public void close() {}
      };

  void bind(Engine engine);

  @Override
  void close();
}
