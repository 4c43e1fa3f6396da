package dev.shipmate.bot.home;

import dev.shipmate.bot.slice.Slices;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A person's recent runs, newest first: the last runs of every target the slices list (each service
 * in each environment, each cutover, each cluster), kept when that person asked for them.
 */
public final class RecentRuns {

  private static final int PER_TARGET = 20;

  private final Engine engine;
  private final Set<LockKey> targets;

  public RecentRuns(Engine engine, Slices slices) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.targets = slices.listedTargets();
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
}
