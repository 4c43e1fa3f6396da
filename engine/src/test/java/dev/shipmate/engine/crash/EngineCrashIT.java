package dev.shipmate.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.support.TestDatabases;
import dev.shipmate.engine.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs a pipeline on an H2 file and is killed (SIGKILL) inside a step; an engine in
 * this JVM then opens the same file and finishes the run. Each step's side effect is a line in a
 * file, counted afterwards.
 */
class EngineCrashIT {
  @TempDir Path folder;
  Process child;
  Engine engine;

  @AfterEach
  void cleanUp() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  @DisplayName(
      "killed inside a re-entrant step, the run is finished by the next process, each step once")
  void reentrantStepIsResumed() throws Exception {
    StoreSettings store = TestDatabases.h2(folder);
    RunId id = runAndKill(store, "reentrant");

    Run done = recover(store, id, true);

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<String> lines = Files.readAllLines(folder.resolve("effects.txt"));
    assertThat(Collections.frequency(lines, "one")).isEqualTo(1);
    assertThat(Collections.frequency(lines, "two-entered")).isEqualTo(2);
    assertThat(Collections.frequency(lines, "two")).isEqualTo(1);
    assertThat(Collections.frequency(lines, "three")).isEqualTo(1);
    assertThat(engine.steps(id)).allSatisfy(step -> assertThat(step.inFlight()).isFalse());
  }

  @Test
  @DisplayName(
      "killed inside a step that cannot be re-entered, the run fails, says why, and is undone")
  void nonReentrantStepFails() throws Exception {
    StoreSettings store = TestDatabases.h2(folder);
    RunId id = runAndKill(store, "not-reentrant");

    Run done = recover(store, id, false);

    assertThat(done.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(done.message())
        .contains(
            id
                + " failed at two: Shipmate stopped while two was under way, and two cannot safely"
                + " be run a second time. Rolled back by undo-one.");
    List<String> lines = Files.readAllLines(folder.resolve("effects.txt"));
    assertThat(lines).containsExactly("one", "two-entered", "undo-one");
  }

  private RunId runAndKill(StoreSettings store, String mode)
      throws IOException, InterruptedException {
    Path effects = folder.resolve("effects.txt");
    Path runIdFile = folder.resolve("run-id.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashChildMain.class.getName(),
                store.url(),
                effects.toString(),
                runIdFile.toString(),
                mode)
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("child.log").toFile())
            .start();
    Await.until(
        "the child to be inside step two (see " + folder.resolve("child.log") + ")",
        () -> lines(effects).contains("two-entered") || !child.isAlive());
    assertThat(child.isAlive()).as("the child is still running").isTrue();

    child.destroyForcibly();
    child.waitFor();

    assertThat(lines(effects)).containsExactly("one", "two-entered");
    return new RunId(Files.readString(runIdFile).strip());
  }

  private Run recover(StoreSettings store, RunId id, boolean reentrant) {
    Path effects = folder.resolve("effects.txt");
    engine =
        Engine.open(
            store,
            PipelineRegistry.of(new CrashPipeline(effects, false, reentrant)),
            CrashChildMain.settings(),
            List.of());
    engine.start();
    Await.until(id + " to finish", () -> !engine.run(id).orElseThrow().isActive());
    return engine.run(id).orElseThrow();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
