package dev.shipmate.bot.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.run.LockKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which queues {@code /queue <target>} shows: a target's name, or a key as /queue prints it. */
class QueueTargetTest {

  private static final LockKey DEPLOY = new LockKey("deploy:prod/web");

  @Test
  @DisplayName("an environment's name, in any case, and the key itself or its environment part")
  void namesAndKeys() {
    assertThat(CoreCommands.concerns(DEPLOY, "prod")).isTrue();
    assertThat(CoreCommands.concerns(DEPLOY, "PROD")).isTrue();
    assertThat(CoreCommands.concerns(DEPLOY, "prod/web")).isTrue();
    assertThat(CoreCommands.concerns(DEPLOY, "deploy:prod")).isTrue();
    assertThat(CoreCommands.concerns(DEPLOY, "deploy:prod/web")).isTrue();
  }

  @Test
  @DisplayName("not another target whose name begins the same")
  void notOthers() {
    assertThat(CoreCommands.concerns(DEPLOY, "pro")).isFalse();
    assertThat(CoreCommands.concerns(DEPLOY, "staging")).isFalse();
    assertThat(CoreCommands.concerns(new LockKey("cluster:prod-eu"), "prod")).isFalse();
  }
}
