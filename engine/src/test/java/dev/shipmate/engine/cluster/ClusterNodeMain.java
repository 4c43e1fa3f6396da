package dev.shipmate.engine.cluster;

import com.zaxxer.hikari.HikariDataSource;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One replica of the cluster test: the production engine on a shared PostgreSQL, under its own
 * Quartz instance id. Arguments: the JDBC URL, the instance id, a file to create once started, and
 * optionally {@code ticks} to register the recurring job {@link ClusterTicks} before the start.
 */
public final class ClusterNodeMain {
  private ClusterNodeMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String node = args[1];
    HikariDataSource effects = new HikariDataSource();
    effects.setJdbcUrl(url);
    effects.setMaximumPoolSize(4);
    Engine engine =
        Engine.open(
            new StoreSettings(url, Optional.empty(), Optional.empty()),
            PipelineRegistry.of(new ClusterPipeline(effects, node)),
            EngineClusterIT.settings(node),
            List.of());
    if (args.length > 3 && args[3].equals("ticks")) {
      engine.schedule(ClusterTicks.job(effects, node));
    }
    engine.start();
    Files.writeString(Path.of(args[2]), node);
    Thread.currentThread().join(); // until killed
  }
}
