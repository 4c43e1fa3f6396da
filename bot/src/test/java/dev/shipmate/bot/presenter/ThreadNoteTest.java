package dev.shipmate.bot.presenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ThreadNote")
class ThreadNoteTest {

  @Test
  @DisplayName("an outcome names how the run ended, in words, with its duration")
  void outcome() {
    assertThat(
            ThreadNote.outcome(
                    "Deploy web v1.2 → prod", RunState.ROLLED_BACK, Duration.ofSeconds(192))
                .text())
        .isEqualTo("Deploy web v1.2 → prod rolled back in 3m12s");
  }

  @Test
  @DisplayName("an outcome of a run that has not ended is refused")
  void outcomeNeedsAnEnd() {
    assertThatThrownBy(() -> ThreadNote.outcome("Deploy", RunState.RUNNING, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'running' is not an end");
  }

  @Test
  @DisplayName("a failure cause says what failed, where, and what Shipmate did")
  void failureCause() {
    ThreadNote note =
        ThreadNote.failureCause(
            "d-4k2p", "Roll out web", "3 pods in CrashLoopBackOff", "Shipmate rolled web back.");

    assertThat(note.text())
        .isEqualTo(
            "d-4k2p failed at step Roll out web: 3 pods in CrashLoopBackOff."
                + " Shipmate rolled web back.");
    assertThat(note.mustArrive()).isTrue();
    assertThat(ThreadNote.warning("slow").mustArrive()).isFalse();
  }
}
