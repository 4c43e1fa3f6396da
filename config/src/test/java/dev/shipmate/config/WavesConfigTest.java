package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An environment's {@code waves:}: several clusters, deployed in order. */
class WavesConfigTest {
  private static final String CLUSTERS =
      """
      clusters:
        canary-eu: { context: canary-eu }
        eu-west: { context: eu-west }
        us-east: { context: us-east }
      """;

  @Test
  @DisplayName("waves are read in order; a lone name is a wave of one; cluster is the first")
  void reads() {
    ShipmateConfig config =
        parse(
                CLUSTERS
                    + """
                    environments:
                      prod:
                        waves: [canary-eu, [eu-west, us-east]]
                        bake: 10m
                        namespace: prod
                        deployers: [U01ABCDEF]
                      dev:
                        cluster: eu-west
                        namespace: dev
                        deployers: [U01ABCDEF]
                    """)
            .orThrow();

    Environment prod = config.environment("prod").orElseThrow();
    assertThat(prod.waves()).containsExactly(List.of("canary-eu"), List.of("eu-west", "us-east"));
    assertThat(prod.cluster()).isEqualTo("canary-eu");
    assertThat(prod.inWaves()).isTrue();
    assertThat(prod.clusters()).containsExactly("canary-eu", "eu-west", "us-east");
    assertThat(prod.bake()).isEqualTo(java.time.Duration.ofMinutes(10));
    Environment dev = config.environment("dev").orElseThrow();
    assertThat(dev.waves()).containsExactly(List.of("eu-west"));
    assertThat(dev.inWaves()).isFalse();
    assertThat(dev.bake()).isZero();
  }

  @Test
  @DisplayName(
      "unknown, repeated and empty waves, and cluster beside waves, are refused at their line")
  void refuses() {
    String yaml =
        CLUSTERS
            + """
            environments:
              a:
                waves: [[canary-eu], [eu-wst, canary-eu]]
                namespace: a
                deployers: [U01ABCDEF]
              b:
                waves: [[canary-eu], []]
                namespace: b
                deployers: [U01ABCDEF]
              c:
                cluster: eu-west
                waves: [[canary-eu]]
                namespace: c
                deployers: [U01ABCDEF]
              d:
                cluster: eu-west
                bake: 5m
                namespace: d
                deployers: [U01ABCDEF]
            """;

    assertThat(errors(yaml))
        .containsExactly(
            "environments.a.waves[1][0] (line 7): no cluster named 'eu-wst': did you mean"
                + " 'eu-west'? (known: canary-eu, eu-west, us-east)",
            "environments.a.waves[1][1] (line 7): cluster canary-eu is in an earlier wave"
                + " already: a deploy reaches each cluster once",
            "environments.b.waves[1] (line 11): an empty wave: name its clusters, e.g. waves:"
                + " [[canary-eu], [eu-west, us-east]]",
            "environments.c.waves (line 16): give cluster: (one cluster) or waves: (several, in"
                + " order), not both: remove cluster:",
            "environments.d.bake (line 21): bake: is the time between waves: give waves: (several"
                + " clusters, in order), or remove it");
  }
}
