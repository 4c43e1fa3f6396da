package dev.shipmate.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How far from now a signed Slack request may be stamped: five minutes, either way. */
class SlackTimestampTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private static String problem(Instant stamped) {
    return problem(Long.toString(stamped.getEpochSecond()));
  }

  private static String problem(String stamped) {
    return SlackSignatureFilter.timestampProblem(stamped, NOW, FIVE_MINUTES);
  }

  @Test
  @DisplayName("a request stamped now, or up to exactly five minutes either way, passes")
  void withinTheSkewPasses() {
    assertThat(problem(NOW)).isNull();
    assertThat(problem(NOW.plus(FIVE_MINUTES))).isNull();
    assertThat(problem(NOW.minus(FIVE_MINUTES))).isNull();
  }

  @Test
  @DisplayName("a request stamped more than five minutes ago is refused: a replay")
  void staleIsRefused() {
    assertThat(problem(NOW.minus(FIVE_MINUTES).minusSeconds(1)))
        .isEqualTo("a timestamp more than 5 min old");
  }

  @Test
  @DisplayName(
      "a request stamped more than five minutes ahead is refused (Bolt would let it through)")
  void farFutureIsRefused() {
    assertThat(problem(NOW.plus(FIVE_MINUTES).plusSeconds(1)))
        .isEqualTo("a timestamp more than 5 min ahead");
    assertThat(problem(Long.toString(Long.MAX_VALUE)))
        .isEqualTo("a timestamp more than 5 min ahead");
  }

  @Test
  @DisplayName("a timestamp that is not a number of seconds is refused")
  void garbageIsRefused() {
    assertThat(problem("soon")).isEqualTo("a timestamp that is not a number");
    assertThat(problem("")).isEqualTo("a timestamp that is not a number");
    assertThat(problem("1.5e9")).isEqualTo("a timestamp that is not a number");
  }
}
