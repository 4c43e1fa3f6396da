package dev.shipmate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.wakeup.QuartzSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas, each a child JVM, on one PostgreSQL: 100 runs, one replica killed half-way. Every
 * run must finish, each of its steps' effects must happen once, and a step may only have been
 * entered twice if the first entry was on the replica that was killed. And a recurring job both
 * replicas register runs each of its times once, never on both at once.
 */
class EngineClusterIT {
  static final int RUNS = 100;

  @TempDir Path folder;
  final List<Process> nodes = new ArrayList<>();
  Engine submitter;

  static EngineSettings settings(String instanceId) {
    return EngineSettings.defaults()
        .withQuartz(
            QuartzSettings.defaults()
                .withSchedulerName("cluster-test")
                .withInstanceId(instanceId)
                .withIdleWaitTime(Duration.ofSeconds(1))
                .withClusterCheckinInterval(Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() {
    nodes.forEach(Process::destroyForcibly);
    if (submitter != null) {
      submitter.close();
    }
  }

  @Test
  @DisplayName("100 runs on two replicas each finish once, though one replica is killed half-way")
  void twoReplicas() throws Exception {
    StoreSettings store = TestDatabases.postgres();
    // Migrates the schema, then only stores runs and triggers: never started, it runs nothing.
    submitter =
        Engine.open(
            store,
            PipelineRegistry.of(new ClusterPipeline(null, "submitter")),
            settings("submitter"),
            List.of());
    try (Connection c = DriverManager.getConnection(store.url());
        Statement s = c.createStatement()) {
      s.execute(ClusterPipeline.SCHEMA);
    }
    for (int i = 0; i < RUNS; i++) {
      StartResult result =
          submitter.start(StartRequest.of("cluster", new ClusterPipeline.Params(i), "U1"));
      assertThat(result).isInstanceOf(StartResult.Started.class);
    }
    Process a = node(store, "node-a");
    Process b = node(store, "node-b");
    Await.until(
        "a third of the runs to finish, on both replicas",
        () -> finished(store) >= RUNS / 3 && bothReplicasWorked(store));
    a.destroyForcibly();
    a.waitFor();

    Await.until("every run to finish on node-b", () -> finished(store) == RUNS);
    assertThat(b.isAlive()).isTrue();

    assertThat(submitter.active()).isEmpty();
    assertThat(count(store, "SELECT COUNT(*) FROM runs WHERE status = 'SUCCEEDED'"))
        .isEqualTo(RUNS);
    assertThat(count(store, "SELECT COUNT(*) FROM cluster_effects WHERE step = 'first'"))
        .isEqualTo(RUNS);
    assertThat(count(store, "SELECT COUNT(*) FROM cluster_effects WHERE step = 'second'"))
        .isEqualTo(RUNS);
    assertThat(count(store, "SELECT COUNT(DISTINCT node) FROM cluster_effects")).isEqualTo(2);
    assertThat(repeatedEntriesNotStartedOnTheKilledNode(store)).isEmpty();
    assertThat(count(store, "SELECT COUNT(*) FROM run_locks")).isZero();
  }

  @Test
  @DisplayName(
      "a recurring job registered on two replicas runs each of its times once, never twice at once")
  void recurringJobOnTwoReplicas() throws Exception {
    StoreSettings store = TestDatabases.postgres();
    submitter =
        Engine.open(
            store,
            PipelineRegistry.of(new ClusterPipeline(null, "submitter")),
            settings("submitter"),
            List.of());
    try (Connection c = DriverManager.getConnection(store.url());
        Statement s = c.createStatement()) {
      s.execute(ClusterTicks.SCHEMA);
    }
    // Stored first by a process that never starts (so never fires), as by the previous version
    // in a rolling deploy: the replicas find the same schedule and must keep its times.
    submitter.schedule(ClusterTicks.job(null, "submitter"));
    Instant stored = submitter.recurringJobs().get(0).nextFiring().orElseThrow();
    node(store, "node-a", "ticks");
    node(store, "node-b", "ticks");

    Await.until(
        "six ticks, run by both replicas",
        () ->
            count(store, "SELECT COUNT(*) FROM cluster_ticks") >= 6
                && count(store, "SELECT COUNT(DISTINCT node) FROM cluster_ticks") == 2);
    nodes.forEach(Process::destroyForcibly);

    List<Tick> ticks = ticks(store);
    String seen = ticks.toString();
    long interval = ClusterTicks.INTERVAL.toMillis();
    assertThat(ticks)
        .as("the times of the schedule the submitter stored: %s", seen)
        .allSatisfy(
            t ->
                assertThat(Duration.between(stored, t.scheduledFor()).toMillis() % interval)
                    .isZero());
    assertThat(ticks.stream().map(Tick::scheduledFor))
        .as("one execution per scheduled time: %s", seen)
        .doesNotHaveDuplicates();
    Instant first = ticks.stream().map(Tick::scheduledFor).min(Instant::compareTo).orElseThrow();
    Instant last = ticks.stream().map(Tick::scheduledFor).max(Instant::compareTo).orElseThrow();
    assertThat(ticks.size())
        .as("no more executions than scheduled times: %s", seen)
        .isLessThanOrEqualTo((int) (Duration.between(first, last).toMillis() / interval) + 1);
    for (int i = 1; i < ticks.size(); i++) {
      assertThat(ticks.get(i).startedAt())
          .as("never two executions at once: %s", seen)
          .isAfterOrEqualTo(ticks.get(i - 1).endedAt());
    }
  }

  record Tick(String node, Instant scheduledFor, Instant startedAt, Instant endedAt) {
    @Override
    public String toString() {
      return node + " ran " + scheduledFor + " from " + startedAt + " to " + endedAt;
    }
  }

  /** Completed executions, in the order they started. */
  private static List<Tick> ticks(StoreSettings store) throws SQLException {
    List<Tick> ticks = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(store.url());
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT node, scheduled_for, started_at, ended_at FROM cluster_ticks"
                    + " ORDER BY started_at")) {
      while (rows.next()) {
        ticks.add(
            new Tick(
                rows.getString(1),
                rows.getTimestamp(2).toInstant(),
                rows.getTimestamp(3).toInstant(),
                rows.getTimestamp(4).toInstant()));
      }
    }
    return ticks;
  }

  private Process node(StoreSettings store, String id, String... options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterNodeMain.class.getName(),
                store.url(),
                id,
                folder.resolve(id + ".ready").toString()));
    command.addAll(List.of(options));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve(id + ".log").toFile())
            .start();
    nodes.add(process);
    return process;
  }

  private static boolean bothReplicasWorked(StoreSettings store) {
    return count(store, "SELECT COUNT(DISTINCT node) FROM cluster_entries") == 2;
  }

  private int finished(StoreSettings store) {
    return count(
        store,
        "SELECT COUNT(*) FROM runs WHERE status IN ('SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'CANCELLED')");
  }

  /**
   * Steps entered more than once for one run, except the bake polls, whose first entry was not on
   * node-a: a second entry is only allowed where a crash made it necessary.
   */
  private List<String> repeatedEntriesNotStartedOnTheKilledNode(StoreSettings store)
      throws SQLException {
    Map<String, List<String>> nodesByStep = new HashMap<>();
    try (Connection c = DriverManager.getConnection(store.url());
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT run_id, step, node FROM cluster_entries WHERE step <> 'bake'"
                    + " ORDER BY entered_at")) {
      while (rows.next()) {
        nodesByStep
            .computeIfAbsent(rows.getString(1) + "/" + rows.getString(2), k -> new ArrayList<>())
            .add(rows.getString(3));
      }
    }
    List<String> suspicious = new ArrayList<>();
    nodesByStep.forEach(
        (step, entries) -> {
          if (entries.size() > 1 && !entries.get(0).equals("node-a")) {
            suspicious.add(step + " entered on " + entries);
          }
        });
    return suspicious;
  }

  private static int count(StoreSettings store, String sql) {
    try (Connection c = DriverManager.getConnection(store.url());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
