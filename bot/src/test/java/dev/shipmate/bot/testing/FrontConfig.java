package dev.shipmate.bot.testing;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A configuration for driving the Slack front: many services (one per test, so that their locks do
 * not meet), an open staging, a prod that needs an approval and asks for confirmation, and a qa
 * whose deployers are a Slack user group. The store is an H2 file in {@code folder}.
 */
public final class FrontConfig {

  public static final String DEPLOYS_CHANNEL = "C0DEPLOYS";
  public static final String PROD_CHANNEL = "C0PROD";
  public static final String QA_GROUP = "S0QA";

  /** group:sre */
  public static final String SRE_1 = "U01SRE1";

  public static final String SRE_2 = "U01SRE2";

  /** group:backend */
  public static final String BACKEND = "U02BE1";

  /** In the Slack user group S0QA, nowhere else. */
  public static final String QA = "U03QA1";

  public static final String STRANGER = "U09NOBODY";

  private FrontConfig() {}

  public static ShipmateConfig write(Path folder) throws IOException {
    StringBuilder services = new StringBuilder();
    for (String service :
        new String[] {"web", "api", "worker", "billing", "search", "mail", "cache", "bench"}) {
      services
          .append("  ")
          .append(service)
          .append(":\n    image: registry.example.com/acme/")
          .append(service)
          .append("\n    deployments: [")
          .append(service)
          .append("]\n    container: ")
          .append(service)
          .append('\n');
    }
    String yaml =
        """
        slack:
          botToken: ${SLACK_BOT_TOKEN}
          signingSecret: ${SLACK_SIGNING_SECRET}
          channel: C0DEPLOYS
        store:
          url: jdbc:h2:file:%s
        groups:
          sre: [U01SRE1, U01SRE2]
          backend: [U02BE1]
        clusters:
          dev:
            context: dev
            provider: none
          prod-eu:
            context: prod-eu
            provider: none
        environments:
          staging:
            cluster: dev
            namespace: staging
            deployers: [group:backend, group:sre]
          qa:
            cluster: dev
            namespace: qa
            deployers: [S0QA]
          prod:
            cluster: prod-eu
            namespace: prod
            deployers: [group:sre]
            approvals: 1
            confirm: true
            channel: C0PROD
        services:
        %s"""
            .formatted(folder.resolve("shipmate").toAbsolutePath(), services);
    Path file = folder.resolve("shipmate.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(
            Map.of(
                "SLACK_BOT_TOKEN", ExampleConfig.BOT_TOKEN,
                "SLACK_SIGNING_SECRET", ExampleConfig.SIGNING_SECRET))
        .load(file)
        .orThrow();
  }
}
