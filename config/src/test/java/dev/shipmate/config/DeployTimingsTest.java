package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code deploy:}: the timings of rollouts, with the path and line of each mistake. */
class DeployTimingsTest {

  @Test
  @DisplayName("without a deploy section, rollouts get 2m of grace, a 15s poll and 30m in all")
  void defaults() {
    ShipmateConfig config = parse("groups: {}\n").orThrow();

    assertThat(config.deploy()).isEqualTo(DeployTimings.DEFAULTS);
    assertThat(config.deploy().failureGrace()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.deploy().pollInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.deploy().rolloutTimeout()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  @DisplayName("each timing is read as written, and one left out keeps its default")
  void written() {
    ShipmateConfig config = parse("deploy: { failureGrace: 20s, pollInterval: 5s }\n").orThrow();

    assertThat(config.deploy())
        .isEqualTo(
            new DeployTimings(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMinutes(30)));
  }

  @Test
  @DisplayName("a timing that is not a duration is refused with its path and line")
  void notADuration() {
    assertThat(errors("groups: {}\ndeploy:\n  failureGrace: soon\n"))
        .containsExactly(
            "deploy.failureGrace (line 3): expected " + Durations.EXPECTED + ", got 'soon'");
  }

  @Test
  @DisplayName("a misspelt key is answered with the key meant")
  void misspelt() {
    assertThat(errors("deploy:\n  timeout: 10m\n"))
        .containsExactly(
            "deploy.timeout (line 2): unknown key 'timeout': the time a rollout may take is"
                + " 'rolloutTimeout'");
  }

  @Test
  @DisplayName("a poll or a grace period as long as the rollout's timeout is refused")
  void longerThanTheTimeout() {
    String yaml =
        """
        deploy:
          failureGrace: 10m
          pollInterval: 1h
          rolloutTimeout: 10m
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "deploy.failureGrace (line 2): failing pods would never be noticed before the rollout"
                + " times out: make failureGrace (10m) shorter than rolloutTimeout (10m)",
            "deploy.pollInterval (line 3): a rollout would time out before it is looked at again:"
                + " make pollInterval (1h) shorter than rolloutTimeout (10m)");
  }
}
