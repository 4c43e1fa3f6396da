package dev.shipmate.bot.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.run.FreezeHold;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.PauseRequest;
import dev.shipmate.engine.run.Phase;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunState;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.watchdog.Stall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /runs}: one line a run, stuck and held runs marked. */
class RunsListTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  final RunsList list = new RunsList(Clock.fixed(T0.plus(Duration.ofMinutes(80)), ZoneOffset.UTC));

  static Run running(String id, String step) {
    return new Run(
        new RunId(id),
        "deploy",
        "deploy web v1.2 to prod",
        "{}",
        "U1",
        Optional.of(ReplyAddress.channel("C0PROD")),
        LockKey.of("deploy", "prod/web"),
        0,
        Optional.empty(),
        T0,
        Optional.empty(),
        RunState.initial(RunStatus.RUNNING, T0).at(Phase.FORWARD, 1, Optional.of(step), T0),
        1);
  }

  @Test
  @DisplayName("a run the watchdog finds stuck says where and for how long")
  void stuckMarked() {
    Run stuck = running("d-4k2p", "watch-rollout");
    Run fine = running("d-9x7z", "set-image");

    String text =
        list.render(
            new RunsList.Active(
                List.of(stuck, fine),
                Map.of(
                    stuck.id(),
                    new Stall(
                        stuck.id(),
                        "watch-rollout",
                        T0.plus(Duration.ofMinutes(5)),
                        Duration.ofHours(1)))));

    assertThat(text.lines().toList())
        .containsExactly(
            "2 runs are active:",
            "• `d-4k2p` deploy web v1.2 to prod · deploy:prod/web · running · <@U1> · 1h20m"
                + " · :hourglass: stuck: no progress at watch-rollout for 1h15m",
            "• `d-9x7z` deploy web v1.2 to prod · deploy:prod/web · running · <@U1> · 1h20m",
            "Stop one with /cancel <run-id>.");
  }

  @Test
  @DisplayName("a run a freeze holds says which freeze and until when")
  void heldMarked() {
    Run held =
        running("u-7p2q", "nodes")
            .withPause(
                Optional.of(
                    PauseRequest.held(
                        "shipmate",
                        T0,
                        new FreezeHold(
                            List.of("weekend"),
                            "no changes",
                            Instant.parse("2026-11-23T07:00:00Z")))));

    assertThat(list.render(List.of(held)))
        .contains("running, paused by the freeze weekend until 2026-11-23 07:00 UTC");
  }
}
