package dev.shipmate.engine.crash;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.wakeup.QuartzSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The process the crash test kills: opens the production engine on an H2 file, starts one run of
 * {@link CrashPipeline} whose step {@code two} hangs, writes the run id to a file, and waits to
 * die.
 *
 * <p>Arguments: the H2 URL, the effects file, the run-id file, {@code reentrant} or {@code
 * not-reentrant}.
 */
public final class CrashChildMain {
  private CrashChildMain() {}

  public static void main(String[] args) throws Exception {
    StoreSettings store = new StoreSettings(args[0], Optional.empty(), Optional.empty());
    Path effects = Path.of(args[1]);
    Path runIdFile = Path.of(args[2]);
    boolean reentrant = args[3].equals("reentrant");
    Engine engine =
        Engine.open(
            store,
            PipelineRegistry.of(new CrashPipeline(effects, true, reentrant)),
            settings(),
            List.of());
    engine.start();
    StartResult result =
        engine.start(StartRequest.of("crash", new CrashPipeline.Params("target"), "U1"));
    Files.writeString(runIdFile, ((StartResult.Started) result).run().id().value());
    Thread.currentThread().join(); // until killed
  }

  /** Parent and child are the same replica, one after the other: same scheduler, same id. */
  static EngineSettings settings() {
    return EngineSettings.defaults()
        .withQuartz(
            QuartzSettings.defaults()
                .withSchedulerName("crash-test")
                .withIdleWaitTime(Duration.ofSeconds(1))
                .withClusterCheckinInterval(Duration.ofSeconds(1)));
  }
}
