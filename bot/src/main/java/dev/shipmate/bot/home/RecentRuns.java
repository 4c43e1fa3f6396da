package dev.shipmate.bot.home;

import dev.shipmate.bot.wiring.Pipelines;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.RollbackRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person's recent runs, newest first: the last runs of every configured deploy target (each
 * service in each environment), kept when that person asked for them.
 */
public final class RecentRuns {

  private static final int PER_TARGET = 20;

  private final Engine engine;
  private final Set<LockKey> targets;

  public RecentRuns(Engine engine, PipelineRegistry pipelines, ShipmateConfig config) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.targets = targets(pipelines, config);
  }

  public List<Run> of(String userId, int limit) {
    Map<String, Run> runs = new LinkedHashMap<>();
    for (LockKey target : targets) {
      for (Run run : engine.history(target, PER_TARGET)) {
        if (run.requester().equals(userId)) {
          runs.putIfAbsent(run.id().value(), run);
        }
      }
    }
    return runs.values().stream()
        .sorted(Comparator.comparing(Run::createdAt).reversed())
        .limit(limit)
        .toList();
  }

  private static Set<LockKey> targets(PipelineRegistry pipelines, ShipmateConfig config) {
    Set<LockKey> keys = new LinkedHashSet<>();
    Optional<Pipeline<?>> deploy = pipelines.find(Pipelines.DEPLOY);
    Optional<Pipeline<?>> rollback = pipelines.find(Pipelines.ROLLBACK);
    for (String environment : config.environments().keySet()) {
      for (String service : config.services().keySet()) {
        deploy.ifPresent(p -> keys.add(lockKey(p, new DeployRequest(service, "any", environment))));
        rollback.ifPresent(
            p -> keys.add(lockKey(p, new RollbackRequest(service, environment, Optional.empty()))));
      }
    }
    return keys;
  }

  private static <P extends Record> LockKey lockKey(Pipeline<P> pipeline, Record params) {
    return pipeline.lockKey(pipeline.paramsType().cast(params));
  }
}
