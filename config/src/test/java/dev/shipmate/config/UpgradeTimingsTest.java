package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code upgrade:}: how patient node upgrades are, with the path and line of each mistake. */
class UpgradeTimingsTest {

  @Test
  @DisplayName("without an upgrade section, drains and joins get 15m and validation 10m")
  void defaults() {
    ShipmateConfig config = parse("groups: {}\n").orThrow();

    assertThat(config.upgrade()).isEqualTo(UpgradeTimings.DEFAULTS);
    assertThat(config.upgrade().drainTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.upgrade().joinTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.upgrade().validateTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  @DisplayName("each timing is read as written, and one left out keeps its default")
  void written() {
    ShipmateConfig config =
        parse("upgrade: { drainTimeout: 90s, validateTimeout: 1h30m }\n").orThrow();

    assertThat(config.upgrade())
        .isEqualTo(
            new UpgradeTimings(
                Duration.ofSeconds(90), Duration.ofMinutes(15), Duration.ofMinutes(90)));
  }

  @Test
  @DisplayName("all three timings are read")
  void allWritten() {
    String yaml =
        """
        upgrade:
          drainTimeout: 30m
          joinTimeout: 20m
          validateTimeout: 5m
        """;

    assertThat(parse(yaml).orThrow().upgrade())
        .isEqualTo(
            new UpgradeTimings(
                Duration.ofMinutes(30), Duration.ofMinutes(20), Duration.ofMinutes(5)));
  }

  @Test
  @DisplayName("a configuration built without upgrade timings gets the defaults")
  void constructedWithoutUpgrade() {
    ShipmateConfig config = parse("groups: {}\n").orThrow();
    ShipmateConfig rebuilt =
        new ShipmateConfig(
            config.slack(),
            config.store(),
            config.groups(),
            config.clusters(),
            config.environments(),
            config.services(),
            config.previews(),
            config.cutovers(),
            config.drift(),
            config.deploy());

    assertThat(rebuilt.upgrade()).isEqualTo(UpgradeTimings.DEFAULTS);
    assertThat(rebuilt).isEqualTo(config);
  }

  @Test
  @DisplayName("a timing that is not a duration is refused with its path and line")
  void notADuration() {
    assertThat(errors("groups: {}\nupgrade:\n  joinTimeout: soon\n"))
        .containsExactly(
            "upgrade.joinTimeout (line 3): expected " + Durations.EXPECTED + ", got 'soon'");
  }

  @Test
  @DisplayName("a zero or negative timing is refused with its path and line")
  void notPositive() {
    String yaml =
        """
        upgrade:
          drainTimeout: 0m
          joinTimeout: -5m
          validateTimeout: 0s
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "upgrade.drainTimeout (line 2): expected more than zero, duration like 30s, 10m, 24h,"
                + " 7d or 1h30m",
            "upgrade.joinTimeout (line 3): expected " + Durations.EXPECTED + ", got '-5m'",
            "upgrade.validateTimeout (line 4): expected more than zero, duration like 30s, 10m,"
                + " 24h, 7d or 1h30m");
  }

  @Test
  @DisplayName("a misspelt key is answered with the key meant")
  void misspelt() {
    assertThat(errors("upgrade:\n  drainTimout: 10m\n"))
        .containsExactly(
            "upgrade.drainTimout (line 2): unknown key 'drainTimout': did you mean"
                + " 'drainTimeout'?");
  }

  @Test
  @DisplayName("a bare timeout asks which of the three is meant")
  void bareTimeout() {
    assertThat(errors("upgrade:\n  timeout: 10m\n"))
        .containsExactly(
            "upgrade.timeout (line 2): unknown key 'timeout': say which: 'drainTimeout',"
                + " 'joinTimeout' or 'validateTimeout'");
  }

  @Test
  @DisplayName("a misspelt section name is answered with 'upgrade'")
  void misspeltSection() {
    assertThat(errors("upgrades:\n  drainTimeout: 10m\n"))
        .containsExactly("upgrades (line 1): unknown key 'upgrades': did you mean 'upgrade'?");
  }
}
