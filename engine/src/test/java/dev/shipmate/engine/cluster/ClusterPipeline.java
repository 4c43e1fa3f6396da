package dev.shipmate.engine.cluster;

import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The pipeline of the cluster test. Every entry into a step is a row in {@code cluster_entries}
 * (who ran it, where); its effect is a row in {@code cluster_effects}, written the idempotent way a
 * real step would write it. The test counts both.
 */
final class ClusterPipeline implements Pipeline<ClusterPipeline.Params> {
  record Params(int n) {}

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS cluster_entries (
        run_id VARCHAR(16) NOT NULL, step VARCHAR(20) NOT NULL, node VARCHAR(20) NOT NULL,
        entered_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP);
      CREATE TABLE IF NOT EXISTS cluster_effects (
        run_id VARCHAR(16) NOT NULL, step VARCHAR(20) NOT NULL, node VARCHAR(20) NOT NULL,
        PRIMARY KEY (run_id, step))
      """;

  private final DataSource effects;
  private final String node;

  ClusterPipeline(DataSource effects, String node) {
    this.effects = effects;
    this.node = node;
  }

  @Override
  public String type() {
    return "cluster";
  }

  @Override
  public char idPrefix() {
    return 'k';
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public LockKey lockKey(Params params) {
    return LockKey.of("cluster-test", "run-" + params.n());
  }

  @Override
  public List<Step<Params>> steps() {
    return List.of(
        Step.define("first", ctx -> effect(ctx, "first")),
        Step.define(
            "bake",
            ctx -> {
              enter(ctx, "bake");
              return ctx.attempt() < 3
                  ? StepResult.running(Duration.ofMillis(200), "baking")
                  : StepResult.done();
            }),
        Step.define("second", ctx -> effect(ctx, "second")));
  }

  private StepResult effect(StepContext<Params> ctx, String step) throws SQLException {
    enter(ctx, step);
    try (Connection c = effects.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO cluster_effects (run_id, step, node) VALUES (?, ?, ?)"
                    + " ON CONFLICT (run_id, step) DO NOTHING")) {
      s.setString(1, ctx.runId().value());
      s.setString(2, step);
      s.setString(3, node);
      s.executeUpdate();
    }
    return StepResult.done();
  }

  private void enter(StepContext<Params> ctx, String step) throws SQLException {
    try (Connection c = effects.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO cluster_entries (run_id, step, node) VALUES (?, ?, ?)")) {
      s.setString(1, ctx.runId().value());
      s.setString(2, step);
      s.setString(3, node);
      s.executeUpdate();
    }
  }
}
