package dev.shipmate.pipelines.upgrade;

import dev.shipmate.config.Cluster;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import java.util.Optional;

/**
 * One check of one group's replacement: reads the world, does at most one next thing, and answers
 * what the step should say — or empty once every node of the group runs the target version. Between
 * two checks the cluster is always in a state a later check (or a restarted Shipmate) can continue
 * from, which is what makes it safe to stop between nodes.
 */
interface GroupRoll {

  Optional<StepResult> check(
      StepContext<UpgradeRequest> context,
      Cluster cluster,
      UpgradePlan plan,
      UpgradePlan.PlannedGroup group);
}
