package dev.shipmate.bot.e2e;

import static dev.shipmate.bot.e2e.E2eConfig.BACKEND_DEVELOPER;
import static dev.shipmate.bot.e2e.E2eConfig.DEPLOYS_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ChildShipmate;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.kubernetes.controller.pod.PodTimings;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipmate serve} in a JVM of its own, killed with SIGKILL in the middle of a rollout and
 * started again on the same store: the run re-attaches to its rollout and finishes, once. The
 * simulated world stays up in this JVM meanwhile, as a real cluster and Slack would.
 */
@DisplayName("a bot killed mid-rollout and restarted finishes the deploy exactly once")
class DeployRestartEndToEndIT {
  private static final Duration RESTART_PATIENCE = Duration.ofMinutes(4);
  private static final String REVISION = "deployment.kubernetes.io/revision";

  @TempDir Path folder;

  @Test
  @DisplayName(
      "kill -9 during the watch, restart: one outcome message, one image change, the run's own")
  void killedMidRolloutFinishesOnce() throws Exception {
    // The world alone, its pods as slow as its own: the bot runs in processes of its own.
    try (SimulatedWorld world =
        E2eWorld.on(E2eConfig.YAML).podTimings(PodTimings.defaults()).startWorld(folder)) {
      KubernetesClient dev = world.cluster("dev").client();
      // Given a rollout slow enough to be killed in: each new pod counts as available only after
      // it has been ready for 20 s (the Deployment's own minReadySeconds)
      dev.apps()
          .deployments()
          .inNamespace("staging")
          .withName("web")
          .edit(
              d -> {
                d.getSpec().setMinReadySeconds(20);
                return d;
              });
      String revisionBefore = revision(world);
      Map<String, String> env = new HashMap<>(world.environment());
      env.putAll(E2eWorld.env(folder));
      env.put("SHIPMATE_CONFIG", E2eWorld.configFile(folder).toString());
      env.put("PORT", "0");

      Process first = serve(env, "serve-1.log");
      String run;
      try {
        BotResponse ack =
            slack(world, first, "serve-1.log")
                .slashCommand(DEPLOYS_CHANNEL, BACKEND_DEVELOPER, "/deploy", "web v1.1 staging");
        run = E2eWorld.runId(ack);
        Await.until("the deploy to set the new image", () -> image(world).endsWith("/web:v1.1"));
        assertThat(rolloutComplete(world.cluster("dev").client()))
            .as("the rollout is still under way when the bot is killed")
            .isFalse();
      } finally {
        // SIGKILL: no shutdown hook, no graceful stop of Quartz or the store
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(outcomes(world, run)).as("no outcome before the restart").isEmpty();

      Process second = serve(env, "serve-2.log");
      try {
        // A child JVM on a loaded CI machine may take a minute to start before it can recover.
        awaitLong(
            "the restarted bot to finish " + run,
            "serve-2.log",
            () -> !outcomes(world, run).isEmpty());
      } finally {
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
      }

      assertThat(outcomes(world, run)).hasSize(1);
      assertThat(outcomes(world, run).get(0).text()).contains("succeeded");
      assertThat(cards(world, run)).as("one card for the run").hasSize(1);
      Deployment web =
          world
              .cluster("dev")
              .client()
              .apps()
              .deployments()
              .inNamespace("staging")
              .withName("web")
              .get();
      assertThat(image(world)).isEqualTo("registry.example.com/acme/web:v1.1");
      assertThat(web.getMetadata().getAnnotations().get(REVISION))
          .as("one new revision: the image was set once")
          .isEqualTo(String.valueOf(Integer.parseInt(revisionBefore) + 1));
      assertThat(web.getMetadata().getAnnotations().get("kubernetes.io/change-cause"))
          .contains(run);
      assertThat(rolloutComplete(world.cluster("dev").client())).isTrue();
    }
  }

  /** Like {@link Await#until}, with more patience, and the child's log when patience runs out. */
  private void awaitLong(String what, String log, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + RESTART_PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        List<String> lines = Files.readAllLines(folder.resolve(log));
        throw new AssertionError(
            "gave up waiting, after "
                + RESTART_PATIENCE
                + ", for "
                + what
                + "; the end of "
                + log
                + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
      }
      Thread.sleep(50);
    }
  }

  private Process serve(Map<String, String> env, String log) throws Exception {
    return ChildShipmate.builder(folder.resolve(log), env, "serve").start();
  }

  private SlackClientSimulator slack(SimulatedWorld world, Process serve, String log)
      throws Exception {
    int port = ChildShipmate.awaitPort(serve, folder.resolve(log));
    return new SlackClientSimulator(
        URI.create("http://127.0.0.1:" + port + "/slack/events"), world.slack());
  }

  private static List<SlackMessage> cards(SimulatedWorld world, String run) {
    return world.slack().topLevel(DEPLOYS_CHANNEL).stream()
        .filter(m -> SlackCards.text(m).contains(run))
        .toList();
  }

  /** The thread replies that name how the run ended. */
  private static List<SlackMessage> outcomes(SimulatedWorld world, String run) {
    return cards(world, run).stream()
        .flatMap(card -> world.slack().thread(DEPLOYS_CHANNEL, card.ts()).stream())
        .filter(SlackMessage::isReply)
        .filter(m -> m.text().matches("(?s).*\\b(succeeded|failed|rolled back|cancelled) in .*"))
        .toList();
  }

  private static String image(SimulatedWorld world) {
    return world
        .cluster("dev")
        .client()
        .apps()
        .deployments()
        .inNamespace("staging")
        .withName("web")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private static String revision(SimulatedWorld world) {
    return world
        .cluster("dev")
        .client()
        .apps()
        .deployments()
        .inNamespace("staging")
        .withName("web")
        .get()
        .getMetadata()
        .getAnnotations()
        .get(REVISION);
  }

  /** As {@code kubectl rollout status} judges it. */
  private static boolean rolloutComplete(KubernetesClient dev) {
    Deployment web = dev.apps().deployments().inNamespace("staging").withName("web").get();
    DeploymentStatus status = Objects.requireNonNullElseGet(web.getStatus(), DeploymentStatus::new);
    int replicas = Objects.requireNonNullElse(web.getSpec().getReplicas(), 1);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int total = Objects.requireNonNullElse(status.getReplicas(), 0);
    int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
    long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
    return observed >= web.getMetadata().getGeneration()
        && updated >= replicas
        && total <= updated
        && available >= updated;
  }
}
