package dev.shipmate.engine.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipelines this build knows, by stable type name: how a restarted process finds the code for a
 * stored run. Checks, once, what the engine relies on.
 */
public final class PipelineRegistry {
  private final Map<String, Pipeline<?>> byType;

  private PipelineRegistry(Map<String, Pipeline<?>> byType) {
    this.byType = byType;
  }

  public static PipelineRegistry of(Pipeline<?>... pipelines) {
    return of(List.of(pipelines));
  }

  public static PipelineRegistry of(List<? extends Pipeline<?>> pipelines) {
    Map<String, Pipeline<?>> byType = new LinkedHashMap<>();
    for (Pipeline<?> pipeline : pipelines) {
      check(pipeline);
      if (byType.putIfAbsent(pipeline.type(), pipeline) != null) {
        throw new IllegalArgumentException("two pipelines are named '" + pipeline.type() + "'");
      }
    }
    return new PipelineRegistry(Map.copyOf(byType));
  }

  public Optional<Pipeline<?>> find(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  public Set<String> types() {
    return byType.keySet();
  }

  private static void check(Pipeline<?> pipeline) {
    String type = pipeline.type();
    if (type == null || !type.matches("[a-z][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException("pipeline type '" + type + "' must be lowercase words");
    }
    if (pipeline.idPrefix() < 'a' || pipeline.idPrefix() > 'z') {
      throw new IllegalArgumentException(type + ": idPrefix must be a lowercase letter");
    }
    if (pipeline.steps().isEmpty()) {
      throw new IllegalArgumentException(type + " has no steps");
    }
    // Outputs are stored by step name, and stored runs name their steps: names must be unique.
    Set<String> names = new HashSet<>();
    for (Step<?> step : allSteps(pipeline)) {
      if (step.name() == null || step.name().isBlank() || step.name().length() > 100) {
        throw new IllegalArgumentException(type + " has a step without a usable name");
      }
      if (!names.add(step.name())) {
        throw new IllegalArgumentException(type + " has two steps named '" + step.name() + "'");
      }
      if (step.timeout().isNegative() || step.timeout().isZero()) {
        throw new IllegalArgumentException(type + ": " + step.name() + " needs a positive timeout");
      }
    }
  }

  private static <P extends Record> List<Step<P>> allSteps(Pipeline<P> pipeline) {
    List<Step<P>> all = new ArrayList<>();
    for (Step<P> step : pipeline.steps()) {
      all.add(step);
      step.undo().ifPresent(all::add);
    }
    all.addAll(pipeline.onFailure());
    return all;
  }
}
