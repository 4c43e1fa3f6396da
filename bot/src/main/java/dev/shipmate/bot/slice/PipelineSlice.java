package dev.shipmate.bot.slice;

import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import java.util.List;

/**
 * One pipeline's vertical slice of the bot, registered once ({@code wiring.Registration}): the
 * pipelines it runs, what the bot knows of their runs, its commands and its buttons. Everything
 * that is the same for every command (audit, de-duplication, permissions, slow work, standard
 * replies) is done by the dispatchers; a slice only says what is its own.
 *
 * <p>A slice is made fresh for each bot: {@link #pipelines} is called first (the engine needs the
 * pipelines to open), then {@link #open} once the engine is open. A bot started with other
 * pipelines (tests' scripted ones) skips {@link #pipelines}; the slice then finds its pipeline
 * missing in {@link SliceContext#pipeline} and says so to who asks.
 */
public interface PipelineSlice {

  /** Its name, for logs: {@code deploy}, {@code cutover}. */
  String name();

  /** Its pipelines, made on the shared clients; none for a slice without runs. */
  default List<Pipeline<?>> pipelines(PipelineClients clients) {
    return List.of();
  }

  /**
   * How its libraries' exceptions are classified, for its steps and its slow answers. Earlier
   * slices' classifiers are asked first.
   */
  default List<ExceptionClassifier> classifiers() {
    return List.of();
  }

  /** What the bot knows of its pipelines' runs. */
  default List<RunKind<?>> runKinds(ShipmateConfig config) {
    return List.of();
  }

  /** Registers its commands, buttons, endpoints and recurring work, once the engine is open. */
  void open(SliceContext context, SliceFront front);
}
