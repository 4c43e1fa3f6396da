package dev.shipmate.bot.wiring;

import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where the pipelines this build runs are put together, with what they need from the
 * configuration, and handed to the engine. A command whose pipeline is not registered here is
 * answered "not wired yet" and starts nothing.
 */
public final class Pipelines {

  /** The type under which {@code /deploy} starts runs, with {@code DeployRequest} params. */
  public static final String DEPLOY = "deploy";

  /** The type under which {@code /rollback} starts runs, with {@code RollbackRequest} params. */
  public static final String ROLLBACK = "rollback";

  private Pipelines() {}

  /**
   * The production pipelines.
   *
   * <p>REGISTER HERE: {@code dev.shipmate.pipelines.deploy.DeployPipeline} (type {@value #DEPLOY})
   * and {@code RollbackPipeline} (type {@value #ROLLBACK}) are being written in the pipelines
   * module; once they exist, add them to {@code pipelines} below with their Kubernetes gateway, and
   * their exception classifier to {@link #classifiers}. Until then /deploy and /rollback answer
   * that they are not wired yet.
   */
  public static PipelineRegistry registry(ShipmateConfig config) {
    List<Pipeline<?>> pipelines = new ArrayList<>();
    return PipelineRegistry.of(pipelines);
  }

  /** How the registered pipelines' libraries' exceptions are classified (Kubernetes, AWS…). */
  public static List<ExceptionClassifier> classifiers(ShipmateConfig config) {
    return List.of();
  }
}
