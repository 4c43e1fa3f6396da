package dev.shipmate.bot.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDefaultsTest {

  @TempDir Path folder;

  @Test
  @DisplayName("--config wins over SHIPMATE_CONFIG, which wins over ./shipmate.yaml")
  void namedFirst() throws Exception {
    Files.writeString(folder.resolve("shipmate.yaml"), "slack: {}\n");

    assertThat(
            LocalDefaults.configFile(
                Optional.of(Path.of("mine.yaml")), Map.of("SHIPMATE_CONFIG", "env.yaml"), folder))
        .contains(Path.of("mine.yaml"));
    assertThat(
            LocalDefaults.configFile(
                Optional.empty(), Map.of("SHIPMATE_CONFIG", "env.yaml"), folder))
        .contains(Path.of("env.yaml"));
    assertThat(LocalDefaults.configFile(Optional.empty(), Map.of(), folder))
        .contains(Path.of("shipmate.yaml"));
  }

  @Test
  @DisplayName("without any configuration of one's own, local mode uses the embedded example")
  void exampleLast() {
    assertThat(LocalDefaults.configFile(Optional.empty(), Map.of("SHIPMATE_CONFIG", " "), folder))
        .isEmpty();
  }

  @Test
  @DisplayName("the console acts as the first member of the first deployers group")
  void userFromGroups() {
    ShipmateConfig example = ExampleConfig.load(folder);

    // staging: deployers [group:backend, group:sre]; backend: [U02BE1]
    assertThat(LocalDefaults.user(example)).isEqualTo("U02BE1");
  }

  @Test
  @DisplayName("a configuration that names nobody who may deploy gets the fallback user")
  void fallbackUser() throws Exception {
    Path file = folder.resolve("open.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "slack: { botToken: x, signingSecret: y, channel: C0DEPLOYS }",
            "clusters: { dev: { context: dev } }",
            "environments: { staging: { cluster: dev, namespace: staging } }",
            "services: { web: { image: r/web, deployments: [web], container: web } }",
            ""));
    ShipmateConfig open = new ConfigLoader(Map.of()).load(file).orThrow();

    assertThat(LocalDefaults.user(open)).isEqualTo(LocalDefaults.FALLBACK_USER);
  }
}
