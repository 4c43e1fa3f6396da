package dev.shipmate.sandbox.kubernetes.controller.pod;

import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.time.Duration;
import java.time.Instant;

/**
 * A container's status as a pure function of time since its pod reached its node: what the kubelet
 * would report at {@code now}, and when that report next changes. Back-offs follow the kubelet's:
 * 10 s doubling to 5 min, and a crashed container's first restart is immediate.
 */
final class ContainerTimeline {

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final Duration ERR_IMAGE_PULL_SHOWN = Duration.ofSeconds(2);

  /** The status, whether the container has ever started, and when the status next changes. */
  record Snapshot(ContainerStatus status, boolean started, Instant nextChange) {}

  private ContainerTimeline() {}

  static Snapshot at(
      Container container,
      ContainerScenario scenario,
      String podName,
      String namespace,
      String podUid,
      Instant accepted,
      PodTimings timings,
      Instant now) {
    Instant started = accepted.plus(timings.startDelay());
    ContainerStatusBuilder status =
        new ContainerStatusBuilder()
            .withName(container.getName())
            .withImage(container.getImage())
            .withImageID("")
            .withReady(false)
            .withStarted(false)
            .withRestartCount(0)
            .withLastState(new ContainerState());
    if (now.isBefore(started)) {
      return new Snapshot(
          status.withState(waiting("ContainerCreating", null)).build(), false, started);
    }
    if (scenario instanceof ContainerScenario.ImagePullFailure) {
      return imagePull(container, status, started, now);
    }
    if (scenario instanceof ContainerScenario.CrashLoop) {
      return crashLoop(
          container, status, started, timings.crashAfter(), podName, namespace, podUid, now);
    }
    boolean canBeReady = scenario instanceof ContainerScenario.Healthy;
    return running(
        container, status, started, accepted.plus(timings.readyDelay()), now, canBeReady);
  }

  private static Snapshot running(
      Container container,
      ContainerStatusBuilder status,
      Instant started,
      Instant readyAt,
      Instant now,
      boolean canBeReady) {
    boolean ready = canBeReady && !now.isBefore(readyAt);
    status
        .withImageID(imageId(container.getImage()))
        .withContainerID(containerId(container.getName(), started))
        .withStarted(true)
        .withReady(ready)
        .withState(
            new ContainerStateBuilder()
                .withNewRunning()
                .withStartedAt(Json.timestamp(started))
                .endRunning()
                .build());
    return new Snapshot(status.build(), true, canBeReady && !ready ? readyAt : null);
  }

  private static Snapshot imagePull(
      Container container, ContainerStatusBuilder status, Instant firstAttempt, Instant now) {
    Instant attempt = firstAttempt;
    Duration backoff = FIRST_BACKOFF;
    while (!attempt.plus(backoff).isAfter(now)) {
      attempt = attempt.plus(backoff);
      backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
    }
    Instant backOffFrom = attempt.plus(min(ERR_IMAGE_PULL_SHOWN, backoff));
    String image = container.getImage();
    if (now.isBefore(backOffFrom)) {
      String message =
          "failed to pull and unpack image \""
              + image
              + "\": failed to resolve reference \""
              + image
              + "\": "
              + image
              + ": not found";
      return new Snapshot(
          status.withState(waiting("ErrImagePull", message)).build(), false, backOffFrom);
    }
    return new Snapshot(
        status
            .withState(waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\""))
            .build(),
        false,
        attempt.plus(backoff));
  }

  private static Snapshot crashLoop(
      Container container,
      ContainerStatusBuilder status,
      Instant firstStart,
      Duration runFor,
      String podName,
      String namespace,
      String podUid,
      Instant now) {
    // Run k starts at `start`; the first restart is immediate, the later ones wait 10 s, 20 s, ...
    Instant start = firstStart;
    Instant previousStart = null;
    int restarts = 0;
    Duration backoff = Duration.ZERO;
    while (true) {
      Instant exit = start.plus(runFor);
      Instant nextStart = exit.plus(backoff);
      if (now.isBefore(nextStart)) {
        status
            .withImageID(imageId(container.getImage()))
            .withContainerID(containerId(container.getName(), start))
            .withRestartCount(restarts);
        if (now.isBefore(exit)) {
          if (previousStart != null) {
            status.withLastState(terminated(previousStart, runFor));
          }
          status
              .withStarted(true)
              .withState(
                  new ContainerStateBuilder()
                      .withNewRunning()
                      .withStartedAt(Json.timestamp(start))
                      .endRunning()
                      .build());
          return new Snapshot(status.build(), true, exit);
        }
        status
            .withLastState(terminated(start, runFor))
            .withState(
                waiting(
                    "CrashLoopBackOff",
                    "back-off "
                        + seconds(backoff)
                        + " restarting failed container="
                        + container.getName()
                        + " pod="
                        + podName
                        + "_"
                        + namespace
                        + "("
                        + podUid
                        + ")"));
        return new Snapshot(status.build(), true, nextStart);
      }
      previousStart = start;
      start = nextStart;
      restarts++;
      backoff = restarts == 1 ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
    }
  }

  private static ContainerState terminated(Instant startedAt, Duration ranFor) {
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(1)
        .withReason("Error")
        .withStartedAt(Json.timestamp(startedAt))
        .withFinishedAt(Json.timestamp(startedAt.plus(ranFor)))
        .endTerminated()
        .build();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  private static String seconds(Duration duration) {
    long total = duration.getSeconds();
    return total >= 60 && total % 60 == 0 ? (total / 60) + "m0s" : total + "s";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String imageId(String image) {
    String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = repository.lastIndexOf('/');
    int colon = repository.lastIndexOf(':');
    if (colon > slash) {
      repository = repository.substring(0, colon);
    }
    return repository + "@sha256:" + digestHex(image);
  }

  private static String containerId(String name, Instant started) {
    return "containerd://" + digestHex(name + "@" + started);
  }

  /** A digest-shaped hex string (64 characters) derived from the text; not a real SHA-256. */
  private static String digestHex(String text) {
    StringBuilder hex = new StringBuilder(64);
    long state = text.hashCode() * 0x9E3779B97F4A7C15L + text.length();
    for (int i = 0; i < 4; i++) {
      state += 0x9E3779B97F4A7C15L;
      long mixed = state;
      mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
      mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
      mixed ^= mixed >>> 31;
      hex.append(String.format("%016x", mixed));
    }
    return hex.toString();
  }
}
