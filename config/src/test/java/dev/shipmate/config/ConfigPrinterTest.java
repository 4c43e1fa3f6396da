package dev.shipmate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code shipmate validate --print}: the effective configuration, defaults filled. */
class ConfigPrinterTest {
  @Test
  @DisplayName("the printed configuration loads back as the same configuration, secrets aside")
  void roundTrip() {
    // Given the example with its secrets set
    Map<String, String> environment =
        Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s", "GITHUB_TOKEN", "g");
    ShipmateConfig original = new ConfigLoader(environment).load(Configs.EXAMPLE).orThrow();
    // When it is printed and the print is loaded again
    String printed = ConfigPrinter.toYaml(original);
    ShipmateConfig reloaded = Configs.parse(printed).orThrow();
    // Then everything but the secrets is equal
    Secret redacted = new Secret("<redacted>");
    assertThat(reloaded.slack().botToken()).isEqualTo(redacted);
    assertThat(reloaded.drift().orElseThrow().source().token()).contains(redacted);
    assertThat(reloaded.groups()).isEqualTo(original.groups());
    assertThat(reloaded.clusters()).isEqualTo(original.clusters());
    assertThat(reloaded.environments()).isEqualTo(original.environments());
    assertThat(reloaded.services()).isEqualTo(original.services());
    assertThat(reloaded.previews()).isEqualTo(original.previews());
    assertThat(reloaded.cutovers()).isEqualTo(original.cutovers());
    assertThat(reloaded.store()).isEqualTo(original.store());
    assertThat(reloaded.deploy()).isEqualTo(original.deploy());
    assertThat(reloaded.upgrade()).isEqualTo(original.upgrade());
    assertThat(reloaded.drift().orElseThrow().schedule())
        .isEqualTo(original.drift().orElseThrow().schedule());
    assertThat(reloaded.drift().orElseThrow().ignore())
        .isEqualTo(original.drift().orElseThrow().ignore());
  }

  @Test
  @DisplayName("defaults the file leaves out are printed")
  void defaultsPrinted() {
    String yaml =
        """
        clusters:
          dev: { context: dev }
          nodes: { context: nodes, provider: asg, asg: { region: r, groups: [a] } }
        cutovers:
          www:
            zone: Z0EXAMPLE
            record: www.example.com
            type: A
            blue: blue
            green: green
            health: { url: "https://green.example.com/healthz" }
            operators: [U01A]
        """;
    String printed = ConfigPrinter.toYaml(Configs.parse(yaml).orThrow());
    assertThat(printed)
        .contains("url: " + StoreSettings.DEFAULT_URL)
        .contains("provider: none")
        .contains("record: www.example.com.")
        .contains("minSuccess: 0.99")
        .contains("interval: 10s")
        .contains("bake: 5m")
        .contains("approvals: 0")
        .contains("failureGrace: 2m")
        .contains("rolloutTimeout: 30m")
        .contains("maxUnavailable: 1")
        .contains("image:")
        .contains("name: \"amazon-eks-node-al2023-x86_64-standard-{version}-*\"")
        .contains("owner: amazon")
        .contains("drainTimeout: 15m")
        .contains("joinTimeout: 15m")
        .contains("validateTimeout: 10m");
  }

  @Test
  @DisplayName("a literal ${ survives printing as $${")
  void escapedDollar() {
    ShipmateConfig config = Configs.parse("slack:\n  channel: \"a$${b}\"\n").orThrow();
    String printed = ConfigPrinter.toYaml(config);
    assertThat(Configs.parse(printed).orThrow().slack().channel()).contains("a${b}");
  }
}
