package dev.shipmate.bot.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigSummaryTest {

  @Test
  @DisplayName("counts what the example configures, and says which features are on")
  void example() {
    assertThat(ConfigSummary.of(ExampleConfig.load()))
        .isEqualTo("4 clusters, 3 environments, 1 service, previews on, 1 cutover, drift on");
  }

  @Test
  @DisplayName("a small configuration: singulars, zero counts, previews and drift off")
  void small() {
    ShipmateConfig config =
        new ConfigLoader(Map.of())
            .parse(
                """
                slack: { botToken: xoxb-1, signingSecret: s1, channel: C0DEPLOYS }
                clusters:
                  dev: { context: dev, provider: asg, asg: { region: eu-west-1, groups: [dev] } }
                environments:
                  staging: { cluster: dev, namespace: staging }
                  qa: { cluster: dev, namespace: qa }
                services:
                  web: { image: registry.example.com/acme/web, deployments: [web] }
                  api: { image: registry.example.com/acme/api, deployments: [api] }
                """,
                "small.yaml")
            .orThrow();

    assertThat(ConfigSummary.of(config))
        .isEqualTo("1 cluster, 2 environments, 2 services, previews off, 0 cutovers, drift off");
  }
}
