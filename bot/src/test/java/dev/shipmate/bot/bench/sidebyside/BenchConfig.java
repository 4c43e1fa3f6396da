package dev.shipmate.bot.bench.sidebyside;

import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A configuration with many services ({@code svc-0}, {@code svc-1}, …, and {@code bench}), so that
 * each of many {@code /deploy} starts takes a lock of its own; one open environment, staging, for
 * {@code group:backend}; the store an H2 file in the folder.
 */
final class BenchConfig {

  static final String USER = "U02BE1";
  static final String STRANGER = "U09NOBODY";
  static final String CHANNEL = "C0DEPLOYS";

  private BenchConfig() {}

  static Path write(Path folder, int services) throws IOException {
    StringBuilder list = new StringBuilder();
    for (int i = -1; i < services; i++) {
      String name = i < 0 ? "bench" : "svc-" + i;
      list.append("  ")
          .append(name)
          .append(": { image: registry.example.com/acme/")
          .append(name)
          .append(", deployments: [")
          .append(name)
          .append("], container: ")
          .append(name)
          .append(" }\n");
    }
    String yaml =
        """
        slack: { botToken: "${SLACK_BOT_TOKEN}", signingSecret: "${SLACK_SIGNING_SECRET}", channel: %s }
        store: { url: "jdbc:h2:file:%s" }
        groups: { backend: [%s] }
        clusters: { dev: { context: dev, provider: none } }
        environments: { staging: { cluster: dev, namespace: staging, deployers: [group:backend] } }
        services:
        %s"""
            .formatted(
                CHANNEL, folder.resolve("db/shipmate").toAbsolutePath(), USER, list.toString());
    Path file = Files.createDirectories(folder).resolve("shipmate.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  static ShipmateConfig load(Path file) {
    return new ConfigLoader(
            Map.of(
                "SLACK_BOT_TOKEN", ExampleConfig.BOT_TOKEN,
                "SLACK_SIGNING_SECRET", ExampleConfig.SIGNING_SECRET))
        .load(file)
        .orThrow();
  }
}
