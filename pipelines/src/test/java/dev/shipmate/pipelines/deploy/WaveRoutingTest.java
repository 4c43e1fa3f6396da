package dev.shipmate.pipelines.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.FreezeScope;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which pipeline takes an environment in waves, and what the others say of it: the wave pipeline's
 * steps, locks and pause; the one-cluster deploy and /rollback refusing it with what to type.
 */
class WaveRoutingTest {
  private static final ShipmateConfig CONFIG =
      new ConfigLoader(Map.of())
          .parse(
              """
              slack: { botToken: xoxb-test, signingSecret: test-secret, channel: C0DEPLOYS }
              clusters:
                canary: { context: canary }
                eu-west: { context: eu-west }
                us-east: { context: us-east }
              environments:
                global:
                  waves: [[canary], [eu-west, us-east]]
                  bake: 5m
                  namespace: global
                  deployers: [U01ABCDEF]
                dev: { cluster: eu-west, namespace: dev, deployers: [U01ABCDEF] }
              services:
                web: { image: registry.example.com/acme/web, deployments: [web], container: web }
              """,
              "test.yaml")
          .orThrow();

  /** Never reached: these tests do not run steps. */
  private static final DeploymentGateways NO_CLUSTER =
      cluster -> {
        throw new AssertionError("no cluster is read here");
      };

  private static final RolloutWatches WATCHES = new RolloutWatches(NO_CLUSTER, run -> {});

  private final WaveDeployPipeline waves =
      new WaveDeployPipeline(
          CONFIG, NO_CLUSTER, Clock.systemUTC(), WATCHES, DeploySettings.defaults());

  @Test
  @DisplayName("the wave pipeline: a plan, then set-image, rollout and bake per wave; pausable")
  void steps() {
    assertThat(waves.steps().stream().map(Step::name))
        .containsExactly(
            "plan",
            "wave-1-set-image",
            "wave-1-rollout",
            "wave-1-bake",
            "wave-2-set-image",
            "wave-2-rollout",
            "wave-2-bake");
    assertThat(waves.steps().get(1).undo().map(Step::name)).contains("wave-1-undo");
    assertThat(waves.pausable()).isTrue();
    assertThat(new DeployPipeline(CONFIG, NO_CLUSTER, Clock.systemUTC(), WATCHES).pausable())
        .isFalse();
    assertThat(WaveDeployPipeline.needed(CONFIG)).isTrue();
  }

  @Test
  @DisplayName(
      "as freezes see it, a wave deploy touches its environment and every cluster of its waves")
  void freezesSeeEveryWave() {
    Change change = waves.change(new DeployRequest("web", "v1.2", "global")).orElseThrow();

    assertThat(change.clusters()).containsExactly("canary", "eu-west", "us-east");
    assertThat(change.touches(new FreezeScope(List.of(), List.of("us-east"), List.of()))).isTrue();
    assertThat(change.touches(new FreezeScope(List.of(), List.of("elsewhere"), List.of())))
        .isFalse();
  }

  @Test
  @DisplayName(
      "a wave deploy holds the deploy lock and is refused while any of its clusters upgrades")
  void locks() {
    DeployRequest request = new DeployRequest("web", "v1.2", "global");

    assertThat(waves.problems(request)).isEmpty();
    assertThat(waves.lockKey(request)).isEqualTo(LockKey.of("deploy", "global/web"));
    assertThat(waves.refuseWhileHeld(request))
        .containsExactlyInAnyOrder(
            LockKey.of("cluster", "canary"),
            LockKey.of("cluster", "eu-west"),
            LockKey.of("cluster", "us-east"));
    assertThat(waves.summary(request)).isEqualTo("deploy web v1.2 to global in waves");
  }

  @Test
  @DisplayName("/rollback and the one-cluster deploy refuse an environment in waves, saying why")
  void oneClusterPipelinesRefuseWaves() {
    RollbackPipeline rollback =
        new RollbackPipeline(CONFIG, NO_CLUSTER, Clock.systemUTC(), WATCHES);

    assertThat(rollback.problems(new RollbackRequest("web", "global", Optional.empty())))
        .containsExactly(
            "Environment global is deployed in waves across canary, eu-west, us-east, and"
                + " /rollback acts on one cluster: deploy the version to go back to instead"
                + " (/deploy web VERSION global), which goes wave by wave.");
    assertThat(rollback.problems(new RollbackRequest("web", "dev", Optional.empty()))).isEmpty();
    DeployPipeline deploy = new DeployPipeline(CONFIG, NO_CLUSTER, Clock.systemUTC(), WATCHES);
    assertThat(deploy.problems(new DeployRequest("web", "v1.2", "global")))
        .containsExactly(
            "Environment global is deployed in waves: its deploys run as deploy-waves, not"
                + " deploy.");
    assertThat(deploy.problems(new DeployRequest("web", "v1.2", "dev"))).isEmpty();
  }
}
