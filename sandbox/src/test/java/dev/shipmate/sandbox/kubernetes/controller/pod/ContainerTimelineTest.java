package dev.shipmate.sandbox.kubernetes.controller.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A simulated container's status is a function of time")
class ContainerTimelineTest {

  private static final Instant ACCEPTED = Instant.parse("2026-01-05T09:00:00Z");
  private static final PodTimings TIMINGS = PodTimings.defaults();

  @Test
  @DisplayName("the image tag picks the scenario; the annotation overrides it")
  void scenarios() {
    assertThat(ContainerScenario.of("r.example.com:5000/web:v1-imagepull", Map.of()))
        .isInstanceOf(ContainerScenario.ImagePullFailure.class);
    assertThat(ContainerScenario.of("web:v1-crashloop", Map.of()))
        .isInstanceOf(ContainerScenario.CrashLoop.class);
    assertThat(ContainerScenario.of("web:v1-unready", Map.of()))
        .isInstanceOf(ContainerScenario.NeverReady.class);
    assertThat(ContainerScenario.of("web-unready:v1", Map.of()))
        .isInstanceOf(ContainerScenario.Healthy.class);
    assertThat(ContainerScenario.of("web:v1", Map.of(ContainerScenario.ANNOTATION, "unready")))
        .isInstanceOf(ContainerScenario.NeverReady.class);
  }

  @Test
  @DisplayName("a crash-looping container restarts at once, then after 10 s, 20 s, 40 s")
  void crashLoopBackoff() {
    Container container =
        new ContainerBuilder().withName("web").withImage("web:v1-crashloop").build();
    // Runs start at 2 s, 3 s (immediate restart), 14 s (after 10 s), 35 s (after 20 s), 76 s
    assertThat(restarts(container, 2)).isZero();
    assertThat(restarts(container, 3)).isEqualTo(1);
    assertThat(restarts(container, 13)).isEqualTo(1);
    assertThat(restarts(container, 14)).isEqualTo(2);
    assertThat(restarts(container, 35)).isEqualTo(3);
    assertThat(restarts(container, 75)).isEqualTo(3);
    assertThat(restarts(container, 76)).isEqualTo(4);
    ContainerTimeline.Snapshot waiting = at(container, 20);
    assertThat(waiting.status().getState().getWaiting().getMessage())
        .startsWith("back-off 20s restarting failed container=web");
    assertThat(waiting.nextChange()).isEqualTo(ACCEPTED.plusSeconds(35));
  }

  @Test
  @DisplayName(
      "a healthy container is creating, then running, then Ready, and says when it will change")
  void healthy() {
    Container container = new ContainerBuilder().withName("web").withImage("web:v1").build();
    assertThat(at(container, 1).status().getState().getWaiting().getReason())
        .isEqualTo("ContainerCreating");
    assertThat(at(container, 1).nextChange()).isEqualTo(ACCEPTED.plusSeconds(2));
    assertThat(at(container, 3).status().getReady()).isFalse();
    assertThat(at(container, 3).nextChange()).isEqualTo(ACCEPTED.plusSeconds(5));
    assertThat(at(container, 5).status().getReady()).isTrue();
    assertThat(at(container, 5).nextChange()).isNull();
  }

  private static int restarts(Container container, int seconds) {
    return at(container, seconds).status().getRestartCount();
  }

  private static ContainerTimeline.Snapshot at(Container container, int seconds) {
    return ContainerTimeline.at(
        container,
        ContainerScenario.of(container.getImage(), Map.of()),
        "web-1",
        "default",
        "uid",
        ACCEPTED,
        TIMINGS,
        ACCEPTED.plus(Duration.ofSeconds(seconds)));
  }
}
