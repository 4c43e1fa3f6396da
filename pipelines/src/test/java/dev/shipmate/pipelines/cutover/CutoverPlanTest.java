package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CutoverPlanTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration BAKE = Duration.ofMinutes(5);

  private static CutoverPlan plan(WeightedPair pair, CutoverRequest request) {
    return CutoverPlan.of("www", pair, request, BAKE, CLOCK);
  }

  @Test
  @DisplayName("a single shift is one step, judged after the TTL and the bake")
  void singleStep() {
    CutoverPlan plan = plan(Pairs.at(100, 0), CutoverRequest.to(25));

    assertThat(plan.steps())
        .containsExactly(
            new PlannedStep(
                1, 25, new Weights(75, 25), NOW, NOW.plus(Duration.ofSeconds(60)).plus(BAKE)));
    assertThat(plan.lastHealthyBefore(1)).isEqualTo(new Weights(100, 0));
  }

  @Test
  @DisplayName("a progressive cutover steps 25, 50, 75, 100, every 10 minutes")
  void progressive() {
    CutoverPlan plan =
        plan(Pairs.at(100, 0), CutoverRequest.progressive(100, 25, Duration.ofMinutes(10)));

    assertThat(plan.steps()).extracting(PlannedStep::greenPercent).containsExactly(25, 50, 75, 100);
    assertThat(plan.steps())
        .extracting(PlannedStep::applyAt)
        .containsExactly(
            NOW,
            NOW.plus(Duration.ofMinutes(10)),
            NOW.plus(Duration.ofMinutes(20)),
            NOW.plus(Duration.ofMinutes(30)));
    assertThat(plan.lastHealthyBefore(3)).isEqualTo(new Weights(50, 50));
  }

  @Test
  @DisplayName("steps are never closer than the TTL plus the bake, whatever --every says")
  void everyShorterThanBake() {
    CutoverPlan plan =
        plan(Pairs.at(100, 0), CutoverRequest.progressive(50, 25, Duration.ofMinutes(1)));

    assertThat(plan.steps().get(1).applyAt()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
  }

  @Test
  @DisplayName("steps start from the current share and the last one lands on the target")
  void fromCurrentShare() {
    CutoverPlan up =
        plan(Pairs.at(90, 10), CutoverRequest.progressive(100, 40, Duration.ofMinutes(10)));
    CutoverPlan down =
        plan(Pairs.at(0, 100), CutoverRequest.progressive(0, 30, Duration.ofMinutes(10)));

    assertThat(up.steps()).extracting(PlannedStep::greenPercent).containsExactly(50, 90, 100);
    assertThat(down.steps()).extracting(PlannedStep::greenPercent).containsExactly(70, 40, 10, 0);
  }

  @Test
  @DisplayName("already at the target share: nothing to do, and the plan says so")
  void alreadyThere() {
    CutoverPlan plan = plan(Pairs.at(150, 50), CutoverRequest.to(25));

    assertThat(plan.nothingToDo()).isTrue();
    assertThat(plan.dryRunText())
        .isEqualTo("www already sends 25% of its traffic to green: nothing to change.");
  }

  @Test
  @DisplayName("from an even split by both weights at 0, 50% is still written, as real weights")
  void fromBothZero() {
    CutoverPlan plan = plan(Pairs.at(0, 0), CutoverRequest.to(50));

    assertThat(plan.steps()).extracting(PlannedStep::weights).containsExactly(new Weights(50, 50));
  }

  @Test
  @DisplayName("a bad step, a bad interval or --every without --step are refused, every reason")
  void refused() {
    assertThatThrownBy(
            () ->
                plan(
                    Pairs.at(100, 0),
                    new CutoverRequest(100, Optional.of(0), Optional.of(Duration.ofMinutes(10)))))
        .isInstanceOf(CutoverRefusedException.class)
        .hasMessageContaining("a step moves 1% to 100%");
    assertThatThrownBy(
            () ->
                plan(
                    Pairs.at(100, 0),
                    new CutoverRequest(120, Optional.empty(), Optional.of(Duration.ofMinutes(10)))))
        .isInstanceOf(CutoverRefusedException.class)
        .satisfies(
            e ->
                assertThat(((CutoverRefusedException) e).problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("got 120%"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("--every needs --step")
                                .contains("/cutover www 120% --step 25% --every 10m")));
  }

  @Test
  @DisplayName(
      "--dry-run shows the live shares, the first batch with TTLs and values, the schedule")
  void dryRun() {
    CutoverPlan plan =
        plan(Pairs.at(100, 0), CutoverRequest.progressive(50, 25, Duration.ofMinutes(10)));

    assertThat(plan.dryRunText())
        .isEqualTo(
            """
            Cutover www: www.example.com. CNAME in zone Z0EXAMPLE
            Now: blue 100% · green 0%
            ChangeResourceRecordSets on zone Z0EXAMPLE (one batch: Route53 applies all of it or none):
              UPSERT www.example.com. CNAME set 'blue' weight 100 → 75, TTL 60 s, blue.example.com
              UPSERT www.example.com. CNAME set 'green' weight 0 → 25, TTL 60 s, green.example.com
            Schedule (earliest times; each step then waits for INSYNC, the TTL of 1m and a bake of 5m under the health gate):
              1. 10:00 UTC  blue 75% · green 25% (weights 75/25), judged from 10:06 UTC
              2. 10:10 UTC  blue 50% · green 50% (weights 50/50), judged from 10:16 UTC
            Nothing was changed (dry run).""");
    assertThat(plan.changeBatchText(2))
        .contains("set 'blue' weight 75 → 50")
        .contains("set 'green' weight 25 → 50");
  }
}
