package dev.shipmate.bot.bench.sidebyside;

import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Shipmate as {@code serve} starts it (Jetty, Bolt, the router, the engine on its store, the
 * reporter), with the scripted deploy pipeline in place of the real ones: a process of its own in
 * which {@link ProcessFigures} holds 500 runs active without a cluster. Its configuration is {@code
 * SHIPMATE_CONFIG}, its port {@code PORT}, Slack {@code SLACK_API_URL}.
 */
public final class ScriptedShipmate {

  private ScriptedShipmate() {}

  public static void main(String[] args) throws Exception {
    ProcessSettings settings = ProcessSettings.from(System.getenv());
    Bot.start(
        BenchConfig.load(Path.of(System.getenv("SHIPMATE_CONFIG"))),
        settings,
        Clock.systemUTC(),
        PipelineRegistry.of(new ScriptedDeployPipeline()),
        List.of());
    Thread.currentThread().join();
  }
}
